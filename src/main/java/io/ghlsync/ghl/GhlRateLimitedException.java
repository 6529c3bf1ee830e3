package io.ghlsync.ghl;

import java.time.Duration;

/** HTTP 429: the location's burst or daily budget was spent. */
public class GhlRateLimitedException extends GhlTransientException {

    public GhlRateLimitedException(String operationId, String ghlMessage, RateLimitHeaders rateLimit, Duration retryAfter) {
        super(operationId, 429, ghlMessage, rateLimit, retryAfter);
    }
}
