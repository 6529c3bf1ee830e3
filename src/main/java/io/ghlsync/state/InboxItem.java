package io.ghlsync.state;

import java.time.Instant;
import java.util.Map;

/** One stored inbox item as a consumer or an operator sees it. */
public record InboxItem(long id, String source, String eventType, String eventId, String orderingKey, String payload,
                        Map<String, String> headers, InboxState state, int attempts, String lastError,
                        Instant receivedAt) {

    @Override
    public String toString() {
        // never the payload or the headers: they carry contact data
        return "InboxItem[" + id + " " + source + "/" + eventType + " event " + eventId + " key " + orderingKey
                + " " + state + " attempt " + attempts + "]";
    }
}
