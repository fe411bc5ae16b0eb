package dev.rowcast.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One change to one row of a source: an upsert with all columns, or a delete (a tombstone on Kafka).
 *
 * @param source      the configured source name
 * @param operation   upsert or delete
 * @param key         the key columns in configured order, values in their contract JSON form
 * @param position    the source position the row was read at, in its stored text form
 * @param time        when the query service read the row
 * @param columns     every column of the row in result order (upserts); null for deletes
 * @param columnTypes each column's type (upserts); empty for deletes
 */
public record RowEvent(String source, Operation operation, ObjectNode key, String position, Instant time,
                       ObjectNode columns, Map<String, ColumnType> columnTypes) {

    public RowEvent {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(time, "time");
        columnTypes = columnTypes == null ? Map.of() : frozen(columnTypes);
        if (operation == Operation.UPSERT && columns == null) {
            throw new IllegalArgumentException("an upsert carries its columns");
        }
        if (operation == Operation.DELETE && columns != null) {
            throw new IllegalArgumentException("a delete carries no columns");
        }
    }

    public static RowEvent upsert(String source, ObjectNode key, String position, Instant time,
                                  ObjectNode columns, Map<String, ColumnType> columnTypes) {
        return new RowEvent(source, Operation.UPSERT, key, position, time, columns, columnTypes);
    }

    public static RowEvent delete(String source, ObjectNode key, String position, Instant time) {
        return new RowEvent(source, Operation.DELETE, key, position, time, null, Map.of());
    }

    /**
     * An unmodifiable copy in the same order; a map this already returned is kept as it is, so the events of one
     * query share one map instead of copying it per row.
     */
    public static Map<String, ColumnType> frozen(Map<String, ColumnType> columnTypes) {
        return FrozenMap.of(columnTypes);
    }

    /** The key as canonical JSON, the Kafka key and the {@code ce_subject}: {@code {"OrderId":42}}. */
    public String canonicalKey() {
        return Json.write(key);
    }

    /** The deterministic {@code ce_id}. */
    public String id() {
        return EventIds.of(source, canonicalKey(), position);
    }

    public boolean isDelete() {
        return operation == Operation.DELETE;
    }

    /** A column's value as its canonical Java type (see {@link SqlType#decode}). */
    public Object typedValue(String column) {
        ColumnType type = columnTypes.get(column);
        if (type == null) {
            throw new IllegalArgumentException("no column " + column + " in this event");
        }
        JsonNode node = columns.get(column);
        return type.sqlType().decode(node);
    }
}
