package io.ghlsync.sandbox.ghl;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * One location's rate budget: a sliding-window log for the burst limit (the times of the last {@code burstMax}
 * accepted requests, in a ring) and a counter for the daily quota. Rejected requests do not use up budget. The
 * monitor is per location, so locations never wait for each other.
 */
final class RateLimitWindow {

    /** The outcome of one request, with what the X-RateLimit-* headers report. */
    record Decision(boolean allowed, boolean dailyExhausted, RateLimits limits, int burstRemaining, long dailyRemaining) {
    }

    private RateLimits limits;
    private long[] ring;
    private int head;
    private int size;
    private long dailyUsed;
    private long dayEnds;

    RateLimitWindow(RateLimits limits, long now) {
        configure(limits, now);
    }

    synchronized void configure(RateLimits next, long now) {
        this.limits = next;
        this.ring = new long[next.burstMax()];
        this.head = 0;
        this.size = 0;
        this.dailyUsed = 0;
        this.dayEnds = nextReset(next, now);
    }

    synchronized RateLimits limits() {
        return limits;
    }

    synchronized Decision tryAcquire(long now) {
        rollDay(now);
        evict(now);
        if (dailyUsed >= limits.dailyMax()) {
            return new Decision(false, true, limits, Math.max(0, limits.burstMax() - size), 0);
        }
        if (size >= limits.burstMax()) {
            return new Decision(false, false, limits, 0, limits.dailyMax() - dailyUsed);
        }
        ring[(head + size) % ring.length] = now;
        size++;
        dailyUsed++;
        return new Decision(true, false, limits, limits.burstMax() - size, limits.dailyMax() - dailyUsed);
    }

    /** Forgets all use: a fresh burst window and a fresh day. */
    synchronized void reset(long now) {
        configure(limits, now);
    }

    synchronized long dailyUsed(long now) {
        rollDay(now);
        return dailyUsed;
    }

    private void evict(long now) {
        long oldestAllowed = now - limits.intervalMillis();
        while (size > 0 && ring[head] <= oldestAllowed) {
            head = (head + 1) % ring.length;
            size--;
        }
    }

    private void rollDay(long now) {
        if (now >= dayEnds) {
            dailyUsed = 0;
            dayEnds = nextReset(limits, now);
        }
    }

    /** The first reset instant strictly after {@code now}. */
    private static long nextReset(RateLimits limits, long now) {
        LocalDate today = Instant.ofEpochMilli(now).atZone(ZoneOffset.UTC).toLocalDate();
        long candidate = today.atTime(limits.dailyResetUtc()).toInstant(ZoneOffset.UTC).toEpochMilli();
        return candidate > now ? candidate : today.plusDays(1).atTime(limits.dailyResetUtc()).toInstant(ZoneOffset.UTC).toEpochMilli();
    }
}
