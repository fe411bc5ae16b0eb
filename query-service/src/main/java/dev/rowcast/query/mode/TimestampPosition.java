package dev.rowcast.query.mode;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rowcast.contract.Json;
import dev.rowcast.contract.SqlType;

import java.time.LocalDateTime;
import java.util.Objects;

/**
 * The last (timestamp, key) read: the next poll reads rows strictly after it in (ts, key) order, so rows that
 * share a timestamp across a batch boundary are neither skipped nor read twice.
 * Stored as {@code {"ts":"2026-12-03T10:15:29.9876543","key":{"OrderId":7}}}.
 */
public record TimestampPosition(LocalDateTime ts, ObjectNode key) implements Position {

    public static final TimestampPosition START = new TimestampPosition(null, null);

    public TimestampPosition {
        if ((ts == null) != (key == null)) {
            throw new IllegalArgumentException("a timestamp position has both a time and a key, or neither");
        }
    }

    public static TimestampPosition parse(String stored) {
        if (stored == null || stored.isEmpty()) {
            return START;
        }
        try {
            JsonNode node = Json.parse(stored);
            LocalDateTime ts = (LocalDateTime) SqlType.DATETIME2.decode(node.get("ts"));
            JsonNode key = node.get("key");
            if (ts == null || key == null || !key.isObject()) {
                throw new IllegalArgumentException("not a stored timestamp position: " + stored);
            }
            return new TimestampPosition(ts, (ObjectNode) key);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a stored timestamp position: " + stored, e);
        }
    }

    @Override
    public String stored() {
        if (ts == null) {
            return "";
        }
        ObjectNode node = Json.object();
        node.set("ts", SqlType.DATETIME2.encode(ts));
        node.set("key", key);
        return Json.write(node);
    }

    @Override
    public boolean isStart() {
        return ts == null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TimestampPosition p && Objects.equals(ts, p.ts) && Objects.equals(key, p.key);
    }

    @Override
    public int hashCode() {
        return Objects.hash(ts, key);
    }
}
