package io.ghlsync.state;

import java.time.Instant;

/**
 * A source record and the GHL record it was written to, with the hash of what was last written there and, for a
 * contact whose tags are added apart from it (GHL's upsert would replace them), the hash of the tags last added.
 */
public record Link(LinkKey key, String ghlId, String contentHash, Instant updatedAt, String tagsHash) {

    /** A link without a tags hash (every record but a contact whose tags travel apart). */
    public Link(LinkKey key, String ghlId, String contentHash, Instant updatedAt) {
        this(key, ghlId, contentHash, updatedAt, null);
    }

    /** True when {@code hash} is what was last written: the write can be skipped. */
    public boolean unchanged(String hash) {
        return contentHash != null && contentHash.equals(hash);
    }

    /** True when {@code hash} is the hash of the tags last added: adding them again can be skipped. */
    public boolean tagsUnchanged(String hash) {
        return tagsHash != null && tagsHash.equals(hash);
    }
}
