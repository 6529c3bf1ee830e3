package io.ghlsync.ghl;

import java.net.http.HttpHeaders;
import java.util.OptionalLong;

/**
 * The {@code X-RateLimit-*} headers of one GHL answer; a value GHL did not send is -1.
 */
public record RateLimitHeaders(long burstMax, long burstRemaining, long intervalMillis, long dailyLimit, long dailyRemaining) {

    public static final RateLimitHeaders NONE = new RateLimitHeaders(-1, -1, -1, -1, -1);

    public static RateLimitHeaders from(HttpHeaders headers) {
        return new RateLimitHeaders(
                number(headers, "X-RateLimit-Max"),
                number(headers, "X-RateLimit-Remaining"),
                number(headers, "X-RateLimit-Interval-Milliseconds"),
                number(headers, "X-RateLimit-Limit-Daily"),
                number(headers, "X-RateLimit-Daily-Remaining"));
    }

    public boolean present() {
        return burstMax >= 0 || burstRemaining >= 0 || dailyRemaining >= 0;
    }

    private static long number(HttpHeaders headers, String name) {
        return headers.firstValue(name).map(RateLimitHeaders::parse).orElse(OptionalLong.empty()).orElse(-1);
    }

    private static OptionalLong parse(String value) {
        try {
            return OptionalLong.of(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
