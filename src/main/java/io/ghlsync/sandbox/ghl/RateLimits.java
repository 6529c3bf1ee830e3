package io.ghlsync.sandbox.ghl;

import java.time.LocalTime;

/**
 * The rate limits of one location (or company): a burst of {@code burstMax} requests per {@code intervalMillis}, and
 * {@code dailyMax} per day, the day starting at {@code dailyResetUtc}. Defaults are GHL's published ones.
 */
public record RateLimits(int burstMax, long intervalMillis, long dailyMax, LocalTime dailyResetUtc) {

    public static final RateLimits GHL = new RateLimits(100, 10_000, 200_000, LocalTime.MIDNIGHT);

    public RateLimits {
        if (burstMax < 1 || burstMax > 1_000_000) {
            throw new IllegalArgumentException("burstMax must be between 1 and 1,000,000, not " + burstMax);
        }
        if (intervalMillis < 1) {
            throw new IllegalArgumentException("intervalMillis must be positive, not " + intervalMillis);
        }
        if (dailyMax < 1) {
            throw new IllegalArgumentException("dailyMax must be positive, not " + dailyMax);
        }
        if (dailyResetUtc == null) {
            dailyResetUtc = LocalTime.MIDNIGHT;
        }
    }
}
