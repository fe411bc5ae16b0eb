package dev.rowcast.query.config;

/** How a source is polled; written in lower case in configuration ({@code rowcast.sources.<name>.mode}). */
public enum Mode {
    /** The whole result each poll; emits what changed since the last snapshot, deletes included. */
    SNAPSHOT(false),
    /** Append-only tables: {@code position > last}, in position order. */
    INCREMENTING(true),
    /** An updated-at column: {@code (ts, key) > (last_ts, last_key)} below database time minus a delay. */
    TIMESTAMP(true),
    /** SQL Server rowversion: {@code rv > last AND rv < MIN_ACTIVE_ROWVERSION()}. */
    ROWVERSION(true);

    private final boolean needsPositionColumn;

    Mode(boolean needsPositionColumn) {
        this.needsPositionColumn = needsPositionColumn;
    }

    public boolean needsPositionColumn() {
        return needsPositionColumn;
    }

    public String configName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
