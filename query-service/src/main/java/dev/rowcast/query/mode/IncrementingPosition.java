package dev.rowcast.query.mode;

import java.math.BigDecimal;

/** The last value of an ever-growing column (INT, BIGINT or DECIMAL identity). */
public record IncrementingPosition(BigDecimal last) implements Position, Comparable<IncrementingPosition> {

    public static final IncrementingPosition START = new IncrementingPosition(null);

    public static IncrementingPosition parse(String stored) {
        return stored == null || stored.isEmpty() ? START : new IncrementingPosition(new BigDecimal(stored));
    }

    @Override
    public String stored() {
        return last == null ? "" : last.toPlainString();
    }

    @Override
    public boolean isStart() {
        return last == null;
    }

    @Override
    public int compareTo(IncrementingPosition o) {
        if (last == null || o.last == null) {
            return last == null ? (o.last == null ? 0 : -1) : 1;
        }
        return last.compareTo(o.last);
    }
}
