package dev.rowcast.contract;

import java.time.Instant;
import java.util.Objects;

/**
 * The query service's heartbeat for one source, written to {@code rowcast.status} after every poll.
 * Operators tell "quiet" (polls keep coming, no rows) from "stuck" (no polls, or an error) with it.
 *
 * @param source        the source name (also the Kafka key)
 * @param state         {@code RUNNING}, {@code RETRYING} (transient error, backing off) or {@code FAILED} (permanent error)
 * @param lastPoll      when the last poll ended
 * @param lastSuccess   when the last poll that succeeded ended, null if none yet
 * @param rowsInPoll    rows the last poll emitted
 * @param rowsTotal     rows emitted since the service started
 * @param position      the committed position after the last poll
 * @param lagMillis     how far behind the source the position is, where the mode can tell; null otherwise
 * @param lastError     the last error's message, null when the last poll succeeded
 */
public record SourceStatus(String source, State state, Instant lastPoll, Instant lastSuccess, long rowsInPoll,
                           long rowsTotal, String position, Long lagMillis, String lastError) {

    public enum State { RUNNING, RETRYING, FAILED }

    public SourceStatus {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(lastPoll, "lastPoll");
    }
}
