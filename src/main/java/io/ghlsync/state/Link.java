package io.ghlsync.state;

import java.time.Instant;

/** A source record and the GHL record it was written to, with the hash of what was last written there. */
public record Link(LinkKey key, String ghlId, String contentHash, Instant updatedAt) {

    /** True when {@code hash} is what was last written: the write can be skipped. */
    public boolean unchanged(String hash) {
        return contentHash != null && contentHash.equals(hash);
    }
}
