package io.ghlsync.state;

import java.time.Instant;

/**
 * A source record and the GHL record it was written to, with the hash of what was last written there and, for a
 * contact whose tags are added apart from it (GHL's upsert would replace them), the tags added to it ({@code tagsAdded},
 * a JSON array as its writer keeps it; null when unknown).
 */
public record Link(LinkKey key, String ghlId, String contentHash, Instant updatedAt, String tagsAdded) {

    /** A link without added tags (every record but a contact whose tags travel apart). */
    public Link(LinkKey key, String ghlId, String contentHash, Instant updatedAt) {
        this(key, ghlId, contentHash, updatedAt, null);
    }

    /** True when {@code hash} is what was last written: the write can be skipped. */
    public boolean unchanged(String hash) {
        return contentHash != null && contentHash.equals(hash);
    }
}
