package io.ghlsync.operations;

import io.ghlsync.mapping.MappingProcessor;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Runs on every failed attempt ({@code onExceptionOccurredRef: failedAttempt} in the shared route configuration).
 * Before the dead-letter channel sees an exchange, Camel removes the redelivery counter and, with
 * {@code useOriginalMessage}, puts the original message back: so the attempt number and the mapped payload are
 * noted here, as exchange properties (which survive both), for {@link DeadLetterRecorder}, and so is a call that went
 * unanswered, for {@link EarlierAttempt}. Then it hands over to {@code retryAfterDelay}, so a retry still waits what
 * GHL's {@code Retry-After} asked.
 */
public final class FailedAttempt implements Processor {

    /** Exchange property: how many times delivery has been tried so far (1 after the first failure). */
    public static final String ATTEMPTS = "GhlSyncAttempts";
    /** Exchange property: the body when the attempt failed, if a mapping step had produced it. */
    public static final String FAILED_BODY = "GhlSyncFailedBody";

    private final Processor next;

    /** @param next what else runs on every failure (the {@code retryAfterDelay} bean); may be null */
    public FailedAttempt(Processor next) {
        this.next = next;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        // Camel has already counted this failure: 1 after the first attempt, n+1 after n redeliveries
        Integer counter = exchange.getMessage().getHeader(Exchange.REDELIVERY_COUNTER, Integer.class);
        exchange.setProperty(ATTEMPTS, counter == null || counter < 1 ? 1 : counter);
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        EarlierAttempt.note(exchange, failure);
        if (exchange.getProperty(MappingProcessor.MAPPING_PROPERTY) != null && !Failures.isMappingError(failure)) {
            exchange.setProperty(FAILED_BODY, exchange.getMessage().getBody());
        } else {
            exchange.removeProperty(FAILED_BODY);
        }
        if (next != null) {
            next.process(exchange);
        }
    }
}
