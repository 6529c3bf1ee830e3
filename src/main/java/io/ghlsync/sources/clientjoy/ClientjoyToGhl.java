package io.ghlsync.sources.clientjoy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ghlsync.state.ContentHash;
import io.ghlsync.state.EntityType;
import io.ghlsync.state.LinkKey;
import io.ghlsync.state.Links;
import org.apache.camel.Exchange;

import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The steps of Clientjoy -> GHL (routes/clientjoy-to-ghl.camel.yaml) that a stock EIP cannot say: what was last sent to
 * GHL from each Clientjoy record (links of source {@code clientjoy-out}, so a record whose GHL payload did not change
 * costs no GHL write), the tags a client has that its contact lacks (added, never replaced: BRIEF §4), the body of a
 * contact update, and whether a GHL contact is one this flow created and has not linked yet.
 *
 * <p>Variables: {@code clientjoyKind} (contact or task), {@code clientjoyId} (the Clientjoy record), {@code ghlId}
 * (its GHL record), {@code clientjoyClient} (the polled client), {@code ghlContact} (the GHL contact as GHL answered).
 */
public final class ClientjoyToGhl {

    /** The link table's source system for what was sent to GHL from Clientjoy records. */
    public static final String SENT_SOURCE = "clientjoy-out";
    static final String CLIENT = "clientjoyClient";
    static final String GHL_CONTACT = "ghlContact";
    private static final String SENT_HASH = "ghlSentHash";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Links links;
    private final ClientjoyLinks clientjoyLinks;
    private final String contactSource;

    /**
     * @param contactSource the {@code source} that mappings/clientjoy-client-to-ghl-contact.yaml gives the contacts it
     *                      creates (clientjoy.to-ghl.contact-source)
     */
    public ClientjoyToGhl(Links links, String locationId, String contactSource) {
        this.links = links;
        this.clientjoyLinks = new ClientjoyLinks(links, locationId);
        this.contactSource = contactSource;
    }

    /**
     * Keeps the hash of the GHL payload just mapped (the body). A contact's tags are not in it: they are added by their
     * own call, for the tags GHL's contact lacks.
     */
    public void sent(Exchange exchange) {
        exchange.setVariable(SENT_HASH, ContentHash.of(json(exchange.getMessage().getBody())));
    }

    /** True when that payload differs from what was last sent to GHL from this Clientjoy record (or none was). */
    public boolean unsent(Exchange exchange) {
        String hash = exchange.getVariable(SENT_HASH, String.class);
        return links.find(sentKey(exchange)).map(link -> !link.unchanged(hash)).orElse(true);
    }

    /** Records the payload as sent to the GHL record in {@code ghlId}. */
    public void linkSent(Exchange exchange) {
        links.upsert(sentKey(exchange), exchange.getVariable(ClientjoyLinks.GHL_ID, String.class),
                exchange.getVariable(SENT_HASH, String.class));
    }

    /** The contact of a GHL answer ({"contact": ...}, the body) into {@code ghlContact} and its id into {@code ghlContactId}. */
    public void contactFromAnswer(Exchange exchange) {
        JsonNode contact = json(exchange.getMessage().getBody()).path("contact");
        String id = contact.path("id").asText(null);
        if (id == null || id.isBlank()) {
            throw new IllegalStateException("GHL answered a contact write without the contact's id");
        }
        exchange.setVariable(GHL_CONTACT, contact);
        exchange.setVariable(ClientjoyLinks.CONTACT_ID, id);
    }

    /** The body {"tags": [...]} of the client's tags its GHL contact does not have (any case), or null when none. */
    public ObjectNode tagsToAdd(Exchange exchange) {
        Set<String> present = new LinkedHashSet<>();
        json(exchange.getVariable(GHL_CONTACT)).path("tags").forEach(t -> present.add(t.asText().toLowerCase(Locale.ROOT)));
        ArrayNode missing = JSON.createArrayNode();
        json(exchange.getVariable(CLIENT)).path("tags").forEach(t -> {
            String tag = t.asText().strip();
            if (!tag.isEmpty() && present.add(tag.toLowerCase(Locale.ROOT))) {
                missing.add(tag);
            }
        });
        ObjectNode body = missing.isEmpty() ? null : JSON.createObjectNode().set("tags", missing);
        exchange.getMessage().setBody(body);
        return body;
    }

    /** The contact's tags after they were added (GHL's answer {"tags": [...]}, the body) into {@code ghlContact}. */
    public void tagsFromAnswer(Exchange exchange) {
        ObjectNode contact = (ObjectNode) json(exchange.getVariable(GHL_CONTACT)).deepCopy();
        contact.set("tags", json(exchange.getMessage().getBody()).path("tags"));
        exchange.setVariable(GHL_CONTACT, contact);
    }

    /**
     * The mapped contact (the body) as a body for {@code PUT /contacts/{id}}: without locationId and companyName,
     * which UpdateContactDto does not have, and without source, which stays what the contact was created with.
     */
    public ObjectNode updateBody(Exchange exchange) {
        ObjectNode body = (ObjectNode) json(exchange.getMessage().getBody()).deepCopy();
        body.remove(List.of("locationId", "companyName", "source"));
        exchange.getMessage().setBody(body);
        return body;
    }

    /** {"external_id": ghlId}: the Clientjoy record now names its GHL record, so GHL -> Clientjoy writes reach it. */
    public ObjectNode externalId(Exchange exchange) {
        ObjectNode body = JSON.createObjectNode().put("external_id", exchange.getVariable(ClientjoyLinks.GHL_ID, String.class));
        exchange.getMessage().setBody(body);
        return body;
    }

    /**
     * A changed, linked Clientjoy task (the body: projected onto ghl-task-to-clientjoy-task's fields): {@code complete}
     * when only its status differs from what the link says both sides had (PUT .../tasks/{id}/completed), else
     * {@code update}; into {@code ghlTaskChange}.
     */
    public void taskChange(Exchange exchange) {
        ObjectNode flipped = (ObjectNode) json(exchange.getMessage().getBody()).deepCopy();
        flipped.put("status", "completed".equals(flipped.path("status").asText()) ? "open" : "completed");
        String hash = ContentHash.of(flipped);
        boolean completionOnly = links.find(new LinkKey(ClientjoyLinks.SOURCE, EntityType.TASK, clientjoyLinks.locationId(exchange),
                exchange.getVariable(ClientjoyLinks.CLIENTJOY_ID, String.class))).map(l -> l.unchanged(hash)).orElse(false);
        exchange.setVariable("ghlTaskChange", completionOnly ? "complete" : "update");
    }

    /** The mapped GHL task (the body) as the body of PUT .../tasks/{taskId}/completed: {"completed": ...}. */
    public ObjectNode completion(Exchange exchange) {
        ObjectNode body = JSON.createObjectNode().put("completed", json(exchange.getMessage().getBody()).path("completed").asBoolean());
        exchange.getMessage().setBody(body);
        return body;
    }

    /**
     * Sets {@code clientjoySkip} for a GHL contact (the body) that this flow created from a Clientjoy client and has not
     * linked yet: GHL's ContactCreate for it can be applied before the link is stored, and copying it then would make a
     * second client. (A variable, not a filter: the filter around the copy is the link's own change check.)
     */
    public void noteCreatedFromClientjoy(Exchange exchange) {
        JsonNode contact = json(exchange.getMessage().getBody());
        String id = contact.path("id").asText(null);
        if (id != null && contactSource.equals(contact.path("source").asText(null))
                && clientjoyLinks.contactLink(exchange, id).isEmpty()) {
            exchange.setVariable(ClientjoyLinks.SKIP, true);
        }
    }

    private LinkKey sentKey(Exchange exchange) {
        String kind = exchange.getVariable(ClientjoyLinks.KIND, String.class);
        return new LinkKey(SENT_SOURCE, EntityType.valueOf(kind.toUpperCase(Locale.ROOT)), clientjoyLinks.locationId(exchange),
                exchange.getVariable(ClientjoyLinks.CLIENTJOY_ID, String.class));
    }

    static JsonNode json(Object value) {
        try {
            if (value instanceof String text) {
                return JSON.readTree(text);
            }
            return value == null ? JSON.missingNode() : JSON.convertValue(value, JsonNode.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
    }
}
