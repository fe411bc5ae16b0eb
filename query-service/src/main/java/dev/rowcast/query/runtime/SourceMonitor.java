package dev.rowcast.query.runtime;

import dev.rowcast.contract.SourceStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one source is doing, for operators: its heartbeat on {@code rowcast.status}, its readiness and its
 * Prometheus metrics ({@code rowcast_source_*{source="..."}}) all read from here.
 */
public final class SourceMonitor {

    private final String source;
    private final Clock clock;
    private final Counter rowsRead;
    private final Counter eventsEmitted;
    private final Timer pollDuration;
    private final Counter transientErrors;
    private final Counter permanentErrors;
    private final AtomicLong lagMillis = new AtomicLong(-1);

    private volatile SourceStatus.State state;
    private volatile Instant lastPoll;
    private volatile Instant lastSuccess;
    private volatile long rowsTotal;
    private volatile long rowsInPoll;
    private volatile String position = "";
    private volatile String lastError;

    public SourceMonitor(String source, Clock clock, MeterRegistry registry) {
        this.source = source;
        this.clock = clock;
        Tags tags = Tags.of("source", source);
        rowsRead = Counter.builder("rowcast.source.rows.read").description("Rows read from the database").tags(tags).register(registry);
        eventsEmitted = Counter.builder("rowcast.source.events.emitted").description("Row events committed to Kafka").tags(tags).register(registry);
        pollDuration = Timer.builder("rowcast.source.poll.duration").description("Time of one poll: query, send and commit").tags(tags)
                .publishPercentiles(0.5, 0.99).register(registry);
        transientErrors = Counter.builder("rowcast.source.errors").description("Failed polls").tags(tags.and("kind", "transient")).register(registry);
        permanentErrors = Counter.builder("rowcast.source.errors").description("Failed polls").tags(tags.and("kind", "permanent")).register(registry);
        Gauge.builder("rowcast.source.seconds.since.last.success", this, m -> m.secondsSinceLastSuccess())
                .description("Seconds since the last successful poll (-1 before the first)").tags(tags).register(registry);
        Gauge.builder("rowcast.source.lag.milliseconds", lagMillis, AtomicLong::get)
                .description("How far the committed position is behind the source (-1 when unknown)").tags(tags).register(registry);
        Gauge.builder("rowcast.source.up", this, m -> m.state == SourceStatus.State.RUNNING ? 1 : 0)
                .description("1 while the source polls successfully").tags(tags).register(registry);
    }

    public String source() {
        return source;
    }

    double secondsSinceLastSuccess() {
        Instant last = lastSuccess;
        return last == null ? -1 : Duration.between(last, clock.instant()).toMillis() / 1000.0;
    }

    /** A poll committed: the status to write in its transaction is taken before, this records it after. */
    public SourceStatus success(int read, int events, String committedPosition, Long lag, Duration took) {
        Instant now = clock.instant();
        rowsRead.increment(read);
        eventsEmitted.increment(events);
        pollDuration.record(took);
        lagMillis.set(lag == null ? -1 : lag);
        return new SourceStatus(source, SourceStatus.State.RUNNING, now, now, events, rowsTotal + events, committedPosition, lag, null);
    }

    /** Called once the transaction holding {@link #success}'s status committed. */
    public void committed(SourceStatus status) {
        state = status.state();
        lastPoll = status.lastPoll();
        lastSuccess = status.lastSuccess();
        rowsInPoll = status.rowsInPoll();
        rowsTotal = status.rowsTotal();
        position = status.position();
        lastError = null;
    }

    public SourceStatus failure(ErrorClassifier.Kind kind, String error) {
        (kind == ErrorClassifier.Kind.PERMANENT ? permanentErrors : transientErrors).increment();
        state = kind == ErrorClassifier.Kind.PERMANENT ? SourceStatus.State.FAILED : SourceStatus.State.RETRYING;
        lastPoll = clock.instant();
        lastError = error;
        rowsInPoll = 0;
        return current();
    }

    public SourceStatus current() {
        Instant poll = lastPoll == null ? clock.instant() : lastPoll;
        SourceStatus.State s = state == null ? SourceStatus.State.RUNNING : state;
        long lag = lagMillis.get();
        return new SourceStatus(source, s, poll, lastSuccess, rowsInPoll, rowsTotal, position, lag < 0 ? null : lag, lastError);
    }

    /** Null until the first poll ends. */
    public SourceStatus.State state() {
        return state;
    }

    public String lastError() {
        return lastError;
    }

    public void position(String stored) {
        position = stored;
    }
}
