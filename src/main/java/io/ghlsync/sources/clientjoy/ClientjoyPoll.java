package io.ghlsync.sources.clientjoy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ghlsync.sources.UpdatedSincePoll;
import io.ghlsync.state.EntityType;
import io.ghlsync.state.LinkKey;
import io.ghlsync.state.Links;
import io.ghlsync.state.PollCursors;
import org.apache.camel.Exchange;

/**
 * The Clientjoy poll's steps (routes/clientjoy-to-ghl.camel.yaml): pages of {@code GET /clients?updatedSince=&cursor=}
 * from the persisted cursor (PollCursors, source clientjoy, stream clients-updated; {@link UpdatedSincePoll}), and each
 * client as one {@code client.polled} event for inbox:clientjoy. Its event id is {@code poll:<clientId>:<updated_at>}, so the same
 * version polled twice (the cursor is inclusive) is stored once; its ordering key is the linked GHL contact id, the key
 * the GHL webhook events of that contact are stored under, so a client's changes and its contact's events are applied
 * one at a time, in order. A client GHL -> Clientjoy is writing (external_id set, link not yet stored) is keyed by that
 * external id, so it waits for the GHL event that writes it; a client new in Clientjoy is keyed by its own id.
 */
public final class ClientjoyPoll extends UpdatedSincePoll {

    static final String SOURCE = "clientjoy";
    static final String STREAM = "clients-updated";

    private final Links links;
    private final String locationId;

    public ClientjoyPoll(PollCursors cursors, Links links, String locationId, int pageSize) {
        super(cursors, SOURCE, STREAM, "clients", "updated_at", pageSize, "clientjoyPoll");
        this.links = links;
        this.locationId = locationId;
    }

    /** One client (the body) as the event inbox:clientjoy stores: eventId, type, orderingKey, client. */
    public String clientEvent(Exchange exchange) {
        JsonNode client = JSON.convertValue(exchange.getMessage().getBody(), JsonNode.class);
        String id = client.path("id").asText();
        ObjectNode event = JSON.createObjectNode();
        event.put("eventId", "poll:" + id + ":" + client.path("updated_at").asText());
        event.put("type", "client.polled");
        String external = client.path("external_id").asText(null);
        event.put("orderingKey", links.find(new LinkKey(SOURCE, EntityType.CONTACT, locationId, id)).map(link -> link.ghlId())
                .orElse(external != null && !external.isBlank() ? external : "clientjoy:" + id));
        event.set("client", client);
        return event.toString();
    }
}
