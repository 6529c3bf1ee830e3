package io.ghlsync.operations;

import io.ghlsync.ghl.GhlApiException;
import io.ghlsync.intake.InboxConstants;
import org.apache.camel.Exchange;
import org.apache.camel.util.ObjectHelper;

import java.io.IOException;

/**
 * Whether a GHL record this exchange is about to create may exist already, written by an earlier attempt whose answer
 * was never seen. GHL's API takes no idempotency key, so a create is safe to repeat only when nothing says an earlier
 * one may have landed: the routes ask this bean and, when it says yes, look in GHL before creating (docs/reliability.md).
 * <p>
 * It says yes when the inbox delivers the record again (the engine stopped mid-way, or an attempt failed), when the
 * record is a dead letter's replay, or when a call of this exchange failed without an answer (a timeout, a reset, an
 * unreadable body): GHL may have done it. An answer GHL gave (429, 5xx, 4xx) says the request was not done, so a retry
 * after one creates as usual, at no extra call.
 */
public final class EarlierAttempt {

    /** Exchange property: a call of this exchange failed without GHL's answer. Kept for the rest of the exchange. */
    static final String UNANSWERED_CALL = "GhlSyncUnansweredCall";

    public boolean mayHaveWritten(Exchange exchange) {
        Integer attempt = exchange.getMessage().getHeader(InboxConstants.ATTEMPT, Integer.class);
        return (attempt != null && attempt > 1)
                || exchange.getMessage().getHeader(DeadLetterReplayer.REPLAY_OF) != null
                || exchange.getProperty(UNANSWERED_CALL, false, Boolean.class);
    }

    /** Notes a failure (from {@link FailedAttempt}, on every failed attempt) that leaves a write's outcome unknown. */
    static void note(Exchange exchange, Throwable failure) {
        if (failure != null && !(failure instanceof GhlApiException)
                && ObjectHelper.getException(IOException.class, failure) != null) {
            exchange.setProperty(UNANSWERED_CALL, true);
        }
    }
}
