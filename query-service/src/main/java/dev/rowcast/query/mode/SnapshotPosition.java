package dev.rowcast.query.mode;

/** The number of the last snapshot emitted; the rows it held are the source's topic itself. */
public record SnapshotPosition(long generation) implements Position, Comparable<SnapshotPosition> {

    public static final SnapshotPosition START = new SnapshotPosition(0);
    private static final String PREFIX = "snapshot:";

    public static SnapshotPosition parse(String stored) {
        if (stored == null || stored.isEmpty()) {
            return START;
        }
        if (!stored.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a stored snapshot position: " + stored);
        }
        return new SnapshotPosition(Long.parseLong(stored.substring(PREFIX.length())));
    }

    public SnapshotPosition next() {
        return new SnapshotPosition(generation + 1);
    }

    @Override
    public String stored() {
        return generation == 0 ? "" : PREFIX + generation;
    }

    @Override
    public boolean isStart() {
        return generation == 0;
    }

    @Override
    public int compareTo(SnapshotPosition o) {
        return Long.compare(generation, o.generation);
    }
}
