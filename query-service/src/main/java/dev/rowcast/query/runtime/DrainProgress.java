package dev.rowcast.query.runtime;

import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Logs a long catch-up (a first load) as it goes: rows so far, rate, and a percentage when a count is known. */
final class DrainProgress {

    private static final Logger LOG = Logger.getLogger(DrainProgress.class);

    private final String source;
    private final Clock clock;
    private final Duration every;
    private long expected = -1;
    private Instant started;
    private Instant lastLog;
    private long rows;

    DrainProgress(String source, Clock clock, Duration every) {
        this.source = source;
        this.clock = clock;
        this.every = every;
    }

    void expect(long total) {
        expected = total;
    }

    boolean active() {
        return started != null;
    }

    void add(long count, String position) {
        Instant now = clock.instant();
        if (started == null) {
            started = now;
            lastLog = now;
        }
        rows += count;
        if (Duration.between(lastLog, now).compareTo(every) >= 0) {
            lastLog = now;
            LOG.infof("source %s: catching up, %d rows so far at %d rows/s%s, position %s", source, rows, rate(now),
                    expected > 0 ? String.format(" (%.0f%% of ~%d)", Math.min(100.0, 100.0 * rows / expected), expected) : "", position);
        }
    }

    void finish() {
        if (started != null) {
            Instant now = clock.instant();
            LOG.infof("source %s: caught up: %d rows in %d ms (%d rows/s)", source, rows, Duration.between(started, now).toMillis(), rate(now));
            started = null;
            rows = 0;
            expected = -1;
        }
    }

    private long rate(Instant now) {
        long ms = Math.max(1, Duration.between(started, now).toMillis());
        return rows * 1000 / ms;
    }
}
