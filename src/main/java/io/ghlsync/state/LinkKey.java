package io.ghlsync.state;

import java.util.Objects;

/** Names one source record in one GHL location: the key a link is found and kept unique by. */
public record LinkKey(String sourceSystem, EntityType entityType, String locationId, String sourceId) {

    public LinkKey {
        Objects.requireNonNull(sourceSystem, "sourceSystem");
        Objects.requireNonNull(entityType, "entityType");
        Objects.requireNonNull(locationId, "locationId");
        Objects.requireNonNull(sourceId, "sourceId");
    }
}
