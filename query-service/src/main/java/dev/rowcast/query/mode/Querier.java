package dev.rowcast.query.mode;

import dev.rowcast.contract.RowEvent;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Reads one source in one polling mode. A poll streams its rows to a sink in position order and says where
 * it ended; the caller commits that position with the events, or aborts, and tells the querier which.
 */
public interface Querier {

    /** Receives each event as it is read, so reading overlaps sending. */
    @FunctionalInterface
    interface EventSink {
        void emit(RowEvent event);
    }

    /**
     * What one poll did: the position after its last row, rows read from the database, events emitted, whether
     * more rows are waiting, and the lag behind the source where the mode can tell.
     */
    record PollResult(Position position, int rowsRead, int events, boolean more, Long lagMillis) {
    }

    Position parse(String stored);

    PollResult poll(Connection connection, Position from, EventSink sink) throws SQLException;

    /** The poll's events and position are committed. */
    default void committed() {
    }

    /** The poll's transaction was aborted: forget whatever it changed. */
    default void aborted() {
    }
}
