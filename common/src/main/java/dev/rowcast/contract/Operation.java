package dev.rowcast.contract;

/** What happened to a row. */
public enum Operation {
    /** The row is new or changed; the event carries all its columns. */
    UPSERT("rowcast.row.upserted"),
    /** The row is gone; the Kafka value is a tombstone (null). */
    DELETE("rowcast.row.deleted");

    private final String typeName;

    Operation(String typeName) {
        this.typeName = typeName;
    }

    /** The CloudEvents type without its version suffix. */
    public String typeName() {
        return typeName;
    }

    /** The value's {@code op} field. */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
