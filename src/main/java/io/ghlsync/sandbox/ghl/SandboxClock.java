package io.ghlsync.sandbox.ghl;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sandbox's notion of now: wall-clock time plus an offset that tests and operators can advance, so token expiry,
 * rate windows and the daily quota reset can be shown without waiting (and without sleeping in tests).
 */
public final class SandboxClock {

    /** GHL's timestamp format: ISO-8601 UTC with milliseconds, always three digits. */
    private static final DateTimeFormatter ISO_MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final AtomicLong offsetMillis = new AtomicLong();

    public long millis() {
        return System.currentTimeMillis() + offsetMillis.get();
    }

    public Instant instant() {
        return Instant.ofEpochMilli(millis());
    }

    /** This clock as a {@link Clock}, for an engine in the same process that should see the sandbox's time. */
    public Clock asClock() {
        return new Movable(ZoneOffset.UTC);
    }

    /** A {@link Clock} that reads this sandbox clock, in any zone. */
    private final class Movable extends Clock {
        private final ZoneId zone;

        Movable(ZoneId zone) {
            this.zone = zone;
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId other) {
            return new Movable(other);
        }

        @Override
        public Instant instant() {
            return SandboxClock.this.instant();
        }
    }

    public void advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("the sandbox clock only moves forward");
        }
        offsetMillis.addAndGet(by.toMillis());
    }

    public void reset() {
        offsetMillis.set(0);
    }

    public static String iso(long epochMillis) {
        return ISO_MILLIS.format(Instant.ofEpochMilli(epochMillis));
    }
}
