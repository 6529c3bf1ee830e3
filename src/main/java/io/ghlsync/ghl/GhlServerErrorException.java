package io.ghlsync.ghl;

import java.time.Duration;

/** HTTP 5xx from GHL. */
public class GhlServerErrorException extends GhlTransientException {

    public GhlServerErrorException(String operationId, int statusCode, String ghlMessage, RateLimitHeaders rateLimit,
            Duration retryAfter) {
        super(operationId, statusCode, ghlMessage, rateLimit, retryAfter);
    }
}
