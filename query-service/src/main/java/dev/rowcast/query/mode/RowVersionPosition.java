package dev.rowcast.query.mode;

import java.nio.ByteBuffer;

/** A SQL Server rowversion: 8 bytes that order as an unsigned 64-bit number; 0 is before every row. */
public record RowVersionPosition(long value) implements Position, Comparable<RowVersionPosition> {

    public static final RowVersionPosition START = new RowVersionPosition(0);

    public static RowVersionPosition parse(String stored) {
        if (stored == null || stored.isEmpty()) {
            return START;
        }
        if (!stored.startsWith("0x") || stored.length() != 18) {
            throw new IllegalArgumentException("not a stored rowversion: " + stored);
        }
        return new RowVersionPosition(Long.parseUnsignedLong(stored.substring(2), 16));
    }

    public static RowVersionPosition of(byte[] bytes) {
        if (bytes == null || bytes.length != 8) {
            throw new IllegalArgumentException("a rowversion has 8 bytes");
        }
        return new RowVersionPosition(ByteBuffer.wrap(bytes).getLong());
    }

    public byte[] bytes() {
        return ByteBuffer.allocate(8).putLong(value).array();
    }

    @Override
    public String stored() {
        return value == 0 ? "" : String.format("0x%016X", value);
    }

    @Override
    public boolean isStart() {
        return value == 0;
    }

    @Override
    public int compareTo(RowVersionPosition o) {
        return Long.compareUnsigned(value, o.value);
    }
}
