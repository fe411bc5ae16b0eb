package dev.rowcast.query.mode;

/**
 * Where a source has been read up to: a value type per mode, with an explicit start value and a stored text
 * form (what {@code rowcast.positions} holds and what events carry as {@code position}).
 */
public interface Position {
    /** The stored text form; the start position stores as the empty string. */
    String stored();

    boolean isStart();
}
