package dev.rowcast.query.mode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rowcast.query.config.SourceSettings;
import dev.rowcast.query.jdbc.Dialect;
import dev.rowcast.query.jdbc.RowReader;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;

/**
 * An updated-at column: reads {@code (ts, key) > (last_ts, last_key)} and {@code ts < database time - delay},
 * ordered by ts then key. The delay gives a transaction that wrote an older timestamp time to commit before
 * the window passes it.
 */
public final class TimestampQuerier extends IncrementalQuerier<TimestampPosition> {

    public TimestampQuerier(SourceSettings settings, Dialect dialect, Clock clock) {
        super(settings, dialect, clock);
    }

    @Override
    public Position parse(String stored) {
        return TimestampPosition.parse(stored);
    }

    @Override
    protected Object upperBound(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(dialect.currentTimeQuery())) {
            rs.next();
            LocalDateTime now = rs.getObject(1, LocalDateTime.class);
            return new LocalDateTime[] {now, now.minus(settings.timestampDelay())};
        }
    }

    @Override
    protected String sql(TimestampPosition from) {
        return dialect.timestamp(settings.fromClause(), settings.positionColumn().orElseThrow(), settings.key(), settings.batchSize(),
                from.isStart());
    }

    @Override
    protected void bind(PreparedStatement ps, TimestampPosition from, Object upper) throws SQLException {
        int i = 1;
        ps.setObject(i++, ((LocalDateTime[]) upper)[1]);
        if (from.isStart()) {
            return;
        }
        ps.setObject(i++, from.ts());
        ps.setObject(i++, from.ts());
        int k = 0;
        for (String column : settings.key()) {
            JsonNode value = keyValue(from.key(), column);
            Object bound = value.isIntegralNumber() ? (Object) value.longValue()
                    : value.isNumber() ? value.decimalValue() : value.isBoolean() ? value.booleanValue() : value.asText();
            ps.setObject(i++, bound);
            if (k < settings.key().size() - 1) {
                ps.setObject(i++, bound);
            }
            k++;
        }
    }

    private static JsonNode keyValue(ObjectNode key, String column) {
        JsonNode v = key.get(column);
        if (v == null) {
            for (var it = key.fields(); it.hasNext(); ) {
                var e = it.next();
                if (e.getKey().equalsIgnoreCase(column)) {
                    return e.getValue();
                }
            }
            throw new IllegalStateException("stored key lacks column " + column);
        }
        return v;
    }

    @Override
    protected TimestampPosition positionOf(ResultSet rs, RowReader reader, ObjectNode key) throws SQLException {
        return new TimestampPosition(rs.getObject(positionIndex(reader), LocalDateTime.class), key);
    }

    @Override
    protected Long lag(Object upper, TimestampPosition last, boolean caughtUp) {
        if (last.isStart()) {
            return null;
        }
        LocalDateTime now = ((LocalDateTime[]) upper)[0];
        return Math.max(0, Duration.between(last.ts(), now).toMillis());
    }
}
