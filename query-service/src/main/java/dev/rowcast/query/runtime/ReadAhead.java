package dev.rowcast.query.runtime;

import dev.rowcast.contract.RowEvent;
import dev.rowcast.query.mode.Position;
import dev.rowcast.query.mode.Querier;

import java.sql.Connection;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * A source's reading thread: while the runner encodes and sends one poll's events and commits its transaction, the
 * next poll is read here, so reading overlaps encoding, sending and committing. At most one poll is read ahead, so
 * at most two polls ({@code batch-size} rows each) are held at once.
 *
 * <p>The querier and the source's JDBC connection are only ever used on this thread ({@link #poll}, {@link #then}),
 * in submission order, so neither needs locking; the runner closes the connection only after {@link #discard}.
 */
final class ReadAhead implements AutoCloseable {

    /** One poll: what the querier said, the events it read, and the connection it read them on. */
    record Batch(Querier.PollResult result, List<RowEvent> events, Connection connection) {
    }

    private final ExecutorService reader;
    private Future<Batch> next;
    private Position nextFrom;

    ReadAhead(String source) {
        reader = SourceThreads.single("read", source);
    }

    /** Starts reading the poll after {@code from}. */
    void poll(Position from, Callable<Batch> read) {
        if (next != null) {
            throw new IllegalStateException("a poll is already being read ahead");
        }
        nextFrom = from;
        next = reader.submit(read);
    }

    /** True when a poll after {@code from} is being read, or has been. */
    boolean hasPollAfter(Position from) {
        return next != null && nextFrom.equals(from);
    }

    /** The poll started last, once it is read; whatever the read threw is thrown here, unwrapped. */
    Batch take() throws Exception {
        Future<Batch> f = next;
        next = null;
        return SourceThreads.result(f);
    }

    /** Runs {@code task} on the reading thread after the poll in flight, before any later poll. */
    void then(Runnable task) {
        reader.execute(task);
    }

    /** Waits for a poll in flight to end and forgets it: after a failure, before its connection is closed. */
    void discard() {
        Future<Batch> f = next;
        next = null;
        if (f == null) {
            return;
        }
        boolean interrupted = false;
        while (true) {
            try {
                f.get();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            } catch (Exception ignored) {
                // the poll failed as well; it is being thrown away
                break;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        discard();
        reader.shutdownNow();
    }
}
