package io.ghlsync.state;

import java.time.Instant;

/**
 * Event ids already processed, per scope (e.g. {@code ghl-webhook}, {@code cliengo-lead}). The same rows back Camel's
 * idempotent consumer (see {@link StateDatabase#idempotentRepository}), with the scope as its processor name.
 */
public interface ProcessedEvents {

    /**
     * Records the id; true when it is new, false when it was already there. Two callers racing with the same id get
     * one true and one false, never an error: the database's unique key decides.
     */
    boolean markProcessed(String scope, String eventId);

    boolean isProcessed(String scope, String eventId);

    /** Forgets an id so the event can be processed again (its processing failed after it was marked). */
    boolean forget(String scope, String eventId);

    /** Deletes ids recorded before {@code cutoff}; returns how many. Replays older than that are no longer caught. */
    int purgeOlderThan(Instant cutoff);
}
