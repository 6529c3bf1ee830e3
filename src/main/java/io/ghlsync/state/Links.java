package io.ghlsync.state;

import java.util.Optional;

/** Which GHL record each source record was written to, so retries update instead of creating a second one. */
public interface Links {

    Optional<Link> find(LinkKey key);

    /** The link that holds a GHL record for a source system: how a GHL webhook finds its source record. */
    Optional<Link> findByGhlId(String sourceSystem, EntityType entityType, String locationId, String ghlId);

    /**
     * Creates or replaces the link of {@code key} and records {@code contentHash} as what was just written.
     *
     * @throws LinkConflictException when another record of the same source system already holds {@code ghlId}
     */
    default Link upsert(LinkKey key, String ghlId, String contentHash) {
        return upsert(key, ghlId, contentHash, null);
    }

    /**
     * As {@link #upsert(LinkKey, String, String)}, also recording {@code tagsAdded} as the tags added to the GHL record
     * (opaque text to the store; null: unknown, add them again).
     *
     * @throws LinkConflictException when another record of the same source system already holds {@code ghlId}
     */
    Link upsert(LinkKey key, String ghlId, String contentHash, String tagsAdded);

    /** True when the record was written before and {@code contentHash} is what was last written. */
    default boolean unchanged(LinkKey key, String contentHash) {
        return find(key).map(link -> link.unchanged(contentHash)).orElse(false);
    }

    /** Forgets a link, e.g. after the GHL record was deleted; true when there was one. */
    boolean delete(LinkKey key);
}
