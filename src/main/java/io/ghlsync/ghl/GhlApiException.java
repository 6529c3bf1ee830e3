package io.ghlsync.ghl;

import java.time.Duration;

/** GHL answered with an error status: carries the status, GHL's own message and the rate-limit headers it sent. */
public class GhlApiException extends GhlException {

    private final String operationId;
    private final int statusCode;
    private final String ghlMessage;
    private final RateLimitHeaders rateLimit;
    private final Duration retryAfter;
    private String responseBody;

    public GhlApiException(String operationId, int statusCode, String ghlMessage, RateLimitHeaders rateLimit, Duration retryAfter) {
        super(operationId + " failed with HTTP " + statusCode + (ghlMessage == null || ghlMessage.isBlank() ? "" : ": " + ghlMessage));
        this.operationId = operationId;
        this.statusCode = statusCode;
        this.ghlMessage = ghlMessage;
        this.rateLimit = rateLimit;
        this.retryAfter = retryAfter;
    }

    /** The exception type for a status: 429 and 5xx are worth retrying, other answers are not. */
    public static GhlApiException of(String operationId, int status, String ghlMessage, RateLimitHeaders rateLimit, Duration retryAfter) {
        if (status == 429) {
            return new GhlRateLimitedException(operationId, ghlMessage, rateLimit, retryAfter);
        }
        if (status >= 500) {
            return new GhlServerErrorException(operationId, status, ghlMessage, rateLimit, retryAfter);
        }
        return new GhlApiException(operationId, status, ghlMessage, rateLimit, retryAfter);
    }

    public String getOperationId() {
        return operationId;
    }

    public int getStatusCode() {
        return statusCode;
    }

    public String getGhlMessage() {
        return ghlMessage;
    }

    public RateLimitHeaders getRateLimit() {
        return rateLimit;
    }

    /** GHL's answer as it came, for the operator's eyes (the {@code call} command); never put into logs. */
    public String getResponseBody() {
        return responseBody;
    }

    public GhlApiException withResponseBody(String body) {
        this.responseBody = body;
        return this;
    }

    /** What GHL asked us to wait ({@code Retry-After}), or null when it said nothing. */
    public Duration getRetryAfter() {
        return retryAfter;
    }
}
