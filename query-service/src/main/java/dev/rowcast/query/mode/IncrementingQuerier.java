package dev.rowcast.query.mode;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rowcast.query.config.SourceSettings;
import dev.rowcast.query.jdbc.Dialect;
import dev.rowcast.query.jdbc.RowReader;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;

/** Append-only tables: {@code position > last}, in position order. Sees inserts only. */
public final class IncrementingQuerier extends IncrementalQuerier<IncrementingPosition> {

    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);
    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);

    public IncrementingQuerier(SourceSettings settings, Dialect dialect, Clock clock) {
        super(settings, dialect, clock);
    }

    @Override
    public Position parse(String stored) {
        return IncrementingPosition.parse(stored);
    }

    @Override
    protected String sql(IncrementingPosition from) {
        return dialect.incrementing(settings.fromClause(), settings.positionColumn().orElseThrow(), settings.batchSize(), from.isStart());
    }

    @Override
    protected void bind(PreparedStatement ps, IncrementingPosition from, Object upper) throws SQLException {
        if (!from.isStart()) {
            // bound as the column's own kind: a DECIMAL parameter against an INT key can turn an index seek into a scan
            BigDecimal last = from.last();
            if (last.scale() <= 0 && last.compareTo(LONG_MAX) <= 0 && last.compareTo(LONG_MIN) >= 0) {
                ps.setLong(1, last.longValueExact());
            } else {
                ps.setBigDecimal(1, last);
            }
        }
    }

    @Override
    protected IncrementingPosition positionOf(ResultSet rs, RowReader reader, ObjectNode key) throws SQLException {
        return new IncrementingPosition(rs.getBigDecimal(positionIndex(reader)));
    }
}
