package io.ghlsync.state;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Durable intake (BRIEF §5, §7): webhooks and polled records are stored here before they are acknowledged, and
 * processed from here in order per ordering key. This is the one seam a partitioned log (Kafka keyed by location) can
 * later replace; nothing another node needs is kept in memory.
 */
public interface Inbox {

    /**
     * One event to store: the raw payload as received, and the few headers processing needs (never secrets). A
     * {@code sequence} (may be null) puts the item in its source's ordered release: see {@link #claim(String, int, Duration, long)}.
     */
    record NewItem(String source, String eventType, String eventId, String orderingKey, String payload,
                   Map<String, String> headers, Long sequence) {

        public NewItem(String source, String eventType, String eventId, String orderingKey, String payload,
                Map<String, String> headers) {
            this(source, eventType, eventId, orderingKey, payload, headers, null);
        }

        public NewItem {
            require(source, "source");
            require(orderingKey, "ordering key");
            if (payload == null) {
                throw new IllegalArgumentException("an inbox item needs a payload");
            }
            headers = headers == null ? Map.of() : Map.copyOf(headers);
        }

        private static void require(String value, String what) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("an inbox item needs a " + what);
            }
        }
    }

    /** The verdict on one accepted item: its id, and whether it was new or a redelivery of an item already stored. */
    record Acceptance(long id, boolean duplicate) {

        public boolean isNew() {
            return !duplicate;
        }
    }

    /**
     * Stores one item durably (committed when this returns). A redelivery with the same source and event id is stored
     * once: it answers the first item's id with {@code duplicate = true}, also when two deliveries race.
     */
    Acceptance accept(NewItem item);

    default Acceptance accept(String source, String eventType, String eventId, String orderingKey, String payload,
            Map<String, String> headers) {
        return accept(new NewItem(source, eventType, eventId, orderingKey, payload, headers));
    }

    /** Stores a polled page in one transaction: all of it or none; answers in the order given (acceptance order). */
    List<Acceptance> acceptAll(List<NewItem> items);

    /**
     * Leases up to {@code limit} items of {@code source} that are due, oldest first, to this node for {@code lease}.
     * Never an item whose ordering key has an earlier unfinished item, nor one whose key is leased right now: so one key
     * is processed by one worker at a time, in acceptance order. Keys are shared by all sources. An expired lease (a crashed node) is taken again.
     * Items carrying a sequence are, besides, released one at a time in sequence order, and only those below
     * {@code releasedBelow} (the consumer's {@link InboxWatermark}): what must happen in intake order across keys.
     */
    default List<InboxItem> claim(String source, int limit, Duration lease, long releasedBelow) {
        return claim(source, limit, lease, () -> releasedBelow);
    }

    /**
     * {@link #claim(String, int, Duration, long)} with the mark asked for only when a sequenced item is waiting (a
     * watermark costs queries of its own; most claims of most sources find no sequenced item).
     */
    List<InboxItem> claim(String source, int limit, Duration lease, LongSupplier releasedBelow);

    /** {@link #claim(String, int, Duration, long)} with every sequenced item released. */
    default List<InboxItem> claim(String source, int limit, Duration lease) {
        return claim(source, limit, lease, Long.MAX_VALUE);
    }

    /** Extends this node's leases on items still being processed; answers how many it still held. */
    int extendLeases(List<Long> ids, Duration lease);

    /** The item was processed: it is done. False when this node no longer held it (its lease expired and moved). */
    boolean complete(long id);

    /** The item failed for now: it is due again after {@code delay}, and blocks its key until then. */
    boolean retryLater(long id, Duration delay, String reason);

    /** The item cannot be processed (its failure went to the dead letters): it stops blocking its key. */
    boolean fail(long id, String reason);

    /** Items not yet finished (pending or being processed), per source: the backlog metrics show. */
    Map<String, Long> backlog();

    /** When the oldest unfinished item of each source was received: the sync lag metrics show (now minus this). */
    Map<String, Instant> oldestUnfinished();

    /** Deletes items finished (done or failed) before {@code cutoff}; a redelivery older than that is new again. */
    int purgeFinishedBefore(Instant cutoff);

    /** The item with this id, in whatever state, for inspection. */
    java.util.Optional<InboxItem> find(long id);
}
