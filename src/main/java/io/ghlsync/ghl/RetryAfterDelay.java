package io.ghlsync.ghl;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import java.time.Duration;

/**
 * Runs on every failed attempt ({@code onExceptionOccurred}): when GHL said how long to wait ({@code Retry-After}),
 * the next redelivery waits that long instead of the policy's backoff, clamped so that a hostile value cannot stall
 * a route for hours. Camel does not read {@code Retry-After} by itself.
 */
public class RetryAfterDelay implements Processor {

    private final long maxDelayMillis;

    public RetryAfterDelay(long maxDelayMillis) {
        this.maxDelayMillis = maxDelayMillis;
    }

    @Override
    public void process(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (failure == null) {
            failure = exchange.getException();
        }
        if (failure instanceof GhlApiException api && api.getRetryAfter() != null) {
            Duration wait = api.getRetryAfter();
            exchange.getMessage().setHeader(Exchange.REDELIVERY_DELAY, Math.min(wait.toMillis(), maxDelayMillis));
        } else {
            exchange.getMessage().removeHeader(Exchange.REDELIVERY_DELAY);
        }
    }
}
