package dev.rowcast.publisher.kafka;

import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Logs a long catch-up (a rebuild on an empty volume, a restart after downtime) as it goes: events applied so far,
 * their rate, and how many are still behind. Bursts shorter than one log interval stay quiet.
 */
final class CatchUpProgress {

    private static final Logger LOG = Logger.getLogger(CatchUpProgress.class);

    private final Clock clock;
    private final Duration every;
    private Instant started;
    private Instant lastLog;
    private long applied;

    CatchUpProgress(Clock clock, Duration every) {
        this.clock = clock;
        this.every = every;
    }

    /** After a poll: {@code count} events were applied and {@code behind} are still waiting (negative: unknown). */
    void update(int count, long behind) {
        Instant now = clock.instant();
        if (started == null) {
            if (count == 0 || behind <= 0) {
                return;
            }
            started = now;
            lastLog = now;
            applied = 0;
        }
        applied += count;
        if (behind <= 0) {
            if (Duration.between(started, now).compareTo(every) >= 0) {
                LOG.infof("caught up: %d events applied in %d ms (%d events/s)", applied, Duration.between(started, now).toMillis(), rate(now));
            }
            started = null;
        } else if (Duration.between(lastLog, now).compareTo(every) >= 0) {
            lastLog = now;
            LOG.infof("catching up: %d events applied so far at %d events/s, %d behind", applied, rate(now), behind);
        }
    }

    private long rate(Instant now) {
        return applied * 1000 / Math.max(1, Duration.between(started, now).toMillis());
    }
}
