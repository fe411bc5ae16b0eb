package dev.rowcast.query.mode;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rowcast.query.config.SourceSettings;
import dev.rowcast.query.jdbc.Dialect;
import dev.rowcast.query.jdbc.RowReader;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;

/** Append-only tables: {@code position > last}, in position order. Sees inserts only. */
public final class IncrementingQuerier extends IncrementalQuerier<IncrementingPosition> {

    private int positionIndex;

    public IncrementingQuerier(SourceSettings settings, Dialect dialect, Clock clock) {
        super(settings, dialect, clock);
    }

    @Override
    public Position parse(String stored) {
        return IncrementingPosition.parse(stored);
    }

    @Override
    protected String sql(IncrementingPosition from) {
        positionIndex = 0;
        return dialect.incrementing(settings.query(), settings.positionColumn().orElseThrow(), settings.batchSize(), from.isStart());
    }

    @Override
    protected void bind(PreparedStatement ps, IncrementingPosition from, Object upper) throws SQLException {
        if (!from.isStart()) {
            ps.setBigDecimal(1, from.last());
        }
    }

    @Override
    protected IncrementingPosition positionOf(ResultSet rs, RowReader reader, ObjectNode key) throws SQLException {
        if (positionIndex == 0) {
            positionIndex = reader.indexOf(settings.positionColumn().orElseThrow());
        }
        return new IncrementingPosition(rs.getBigDecimal(positionIndex));
    }
}
