package dev.rowcast.query.mode;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rowcast.query.config.SourceSettings;
import dev.rowcast.query.jdbc.Dialect;
import dev.rowcast.query.jdbc.RowReader;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;

/**
 * SQL Server rowversion: every insert and update gets a new, larger rowversion. Reads
 * {@code rv > last AND rv < MIN_ACTIVE_ROWVERSION()} (see {@link Dialect#rowVersion}).
 */
public final class RowVersionQuerier extends IncrementalQuerier<RowVersionPosition> {

    public RowVersionQuerier(SourceSettings settings, Dialect dialect, Clock clock) {
        super(settings, dialect, clock);
    }

    @Override
    public Position parse(String stored) {
        return RowVersionPosition.parse(stored);
    }

    @Override
    protected String sql(RowVersionPosition from) {
        return dialect.rowVersion(settings.fromClause(), settings.positionColumn().orElseThrow(), settings.batchSize(), from.isStart());
    }

    @Override
    protected void bind(PreparedStatement ps, RowVersionPosition from, Object upper) throws SQLException {
        if (!from.isStart()) {
            ps.setBytes(1, from.bytes());
        }
    }

    @Override
    protected RowVersionPosition positionOf(ResultSet rs, RowReader reader, ObjectNode key) throws SQLException {
        byte[] bytes = rs.getBytes(positionIndex(reader));
        if (bytes == null || bytes.length != 8) {
            throw new SQLException("rowcast.sources." + settings.name() + ".position-column: "
                    + settings.positionColumn().get() + " is not a rowversion (8 bytes)", "42000");
        }
        return RowVersionPosition.of(bytes);
    }
}
