package io.ghlsync.intake;

import org.apache.camel.spi.Metadata;

/** Headers the {@code inbox} component reads and writes. */
public final class InboxConstants {

    @Metadata(label = "consumer", description = "The inbox item's id", javaType = "Long")
    public static final String ID = "CamelInboxId";
    @Metadata(description = "The source's event id (the dedupe key); on the producer, used when the endpoint has no eventId pointer",
              javaType = "String")
    public static final String EVENT_ID = "CamelInboxEventId";
    @Metadata(description = "The event type; on the producer, used when the endpoint has no eventType pointer", javaType = "String")
    public static final String EVENT_TYPE = "CamelInboxEventType";
    @Metadata(description = "Items with one ordering key are processed one at a time in acceptance order;"
            + " on the producer, used when the endpoint has no orderingKey pointer", javaType = "String")
    public static final String ORDERING_KEY = "CamelInboxOrderingKey";
    @Metadata(label = "producer", description = "The item's place in its source's ordered release (a number), used when the"
            + " endpoint has no sequence pointer; without one the item is not in it", javaType = "Long")
    public static final String SEQUENCE = "CamelInboxSequence";
    @Metadata(label = "consumer", description = "The source the item came from", javaType = "String")
    public static final String SOURCE = "CamelInboxSource";
    @Metadata(label = "consumer", description = "Which attempt at processing this item this is, from 1", javaType = "Integer")
    public static final String ATTEMPT = "CamelInboxAttempt";
    @Metadata(label = "producer", description = "True when the message was a redelivery of an item already stored", javaType = "Boolean")
    public static final String DUPLICATE = "CamelInboxDuplicate";

    /**
     * Exchange property a route sets when its failure is a wait, not an error (e.g. its GHL location is paused): the
     * item goes back to pending for this many milliseconds, without a warning per attempt and never given up.
     */
    public static final String RETRY_DELAY = "CamelInboxRetryDelay";

    private InboxConstants() {
    }
}
