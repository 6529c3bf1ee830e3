package io.ghlsync.ghl;

import java.time.Duration;

/** An answer that may succeed when repeated later (429, 5xx); the shared retry policy redelivers these. */
public abstract class GhlTransientException extends GhlApiException {

    protected GhlTransientException(String operationId, int statusCode, String ghlMessage, RateLimitHeaders rateLimit,
            Duration retryAfter) {
        super(operationId, statusCode, ghlMessage, rateLimit, retryAfter);
    }
}
