package io.ghlsync.sources.cliengo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ghlsync.state.ContentHash;
import io.ghlsync.state.EntityType;
import io.ghlsync.state.Link;
import io.ghlsync.state.LinkConflictException;
import io.ghlsync.state.LinkKey;
import io.ghlsync.state.Links;
import org.apache.camel.Exchange;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The link of a Cliengo lead to its GHL contact: tells whether a lead differs from what was last written (so an
 * unchanged lead costs no GHL call), finds the contact of a lead for its notes, tasks and tags, and keeps the link.
 */
public final class LeadLinks {

    /** Exchange variable: the mapped tags to add ({"tags": [...]}); part of the hash, never part of the upsert. */
    public static final String TAGS = "ghlTags";
    private static final String HASH = "cliengoLeadHash";
    /**
     * A lead that GHL's duplicate rule folded into a contact already linked to another lead (same person, second lead):
     * the link table lets one contact have one lead per source system, so the second is kept under this name, with the
     * contact id in front of the lead id so that it stays unique.
     */
    private static final String DUPLICATE_SOURCE = "cliengo-duplicate";

    private final Links links;
    private final String defaultLocationId;

    public LeadLinks(Links links, String defaultLocationId) {
        this.links = links;
        this.defaultLocationId = defaultLocationId;
    }

    /**
     * Keeps the hash of the mapped contact (the body) and its tags in a variable, for {@link #changed} and {@link #link}.
     * A step of its own: Camel evaluates a filter's bean predicate on a copy of the exchange, whose variables are lost.
     */
    public void hash(Exchange exchange) {
        ObjectNode written = JsonNodeFactory.instance.objectNode();
        written.set("contact", exchange.getMessage().getBody(JsonNode.class));
        written.set("tags", exchange.getVariable(TAGS, JsonNode.class));
        exchange.setVariable(HASH, ContentHash.of(written));
    }

    /** True when the lead's hash differs from what was last written for it, or it was never written. */
    public boolean changed(Exchange exchange) {
        String hash = exchange.getVariable(HASH, String.class);
        return find(exchange).map(link -> !link.unchanged(hash)).orElse(true);
    }

    /** True when the mapped tags (the body, {"tags": [...]}) name at least one tag to add. */
    public boolean hasTags(Exchange exchange) {
        JsonNode tags = exchange.getMessage().getBody(JsonNode.class);
        return tags != null && tags.path("tags").size() > 0;
    }

    /** Puts the lead's GHL contact id in the ghlContactId header, when the lead is linked. */
    public void findContact(Exchange exchange) {
        find(exchange).map(LeadLinks::contactId)
                .ifPresent(id -> exchange.getMessage().setHeader(CliengoLinks.CONTACT_ID, id));
    }

    /** Reads the contact id from GHL's answer to an upsert or a create into the ghlContactId header. */
    public void contactFromAnswer(Exchange exchange) {
        exchange.getMessage().setHeader(CliengoLinks.CONTACT_ID, CliengoLinks.ghlId(exchange.getMessage().getBody(), "contact"));
    }

    /**
     * The body of {@code POST /contacts/} for a lead with no contact yet: the mapped contact (the body) with its mapped
     * tags. Tags in a create replace nothing, as the contact is new; GHL refuses it if the person exists already.
     */
    public ObjectNode withTags(Exchange exchange) {
        ObjectNode contact = exchange.getMessage().getBody(JsonNode.class).deepCopy();
        JsonNode tags = exchange.getVariable(TAGS, JsonNode.class);
        if (tags != null && tags.path("tags").size() > 0) {
            contact.set("tags", tags.get("tags"));
        }
        return contact;
    }

    /** Sets CamelHttpPath to the lead's path under /leads, encoded, so an odd lead id cannot change the URL called. */
    public void leadPath(Exchange exchange) {
        String leadId = exchange.getMessage().getHeader(CliengoLinks.LEAD_ID, String.class);
        exchange.getMessage().setHeader(Exchange.HTTP_PATH,
                "/" + URLEncoder.encode(leadId, StandardCharsets.UTF_8).replace("+", "%20"));
    }

    /** Links the lead to the contact in ghlContactId, with the hash of what was just written. */
    public void link(Exchange exchange) {
        String contactId = exchange.getMessage().getHeader(CliengoLinks.CONTACT_ID, String.class);
        String hash = exchange.getVariable(HASH, String.class);
        LinkKey key = leadKey(exchange);
        try {
            links.upsert(key, contactId, hash);
        } catch (LinkConflictException e) {
            // the duplicate rule matched another lead's contact: one person, one contact, two leads
            links.upsert(duplicateKey(key), contactId + "#" + key.sourceId(), hash);
        }
    }

    private Optional<Link> find(Exchange exchange) {
        LinkKey key = leadKey(exchange);
        return links.find(key).or(() -> links.find(duplicateKey(key)));
    }

    private static String contactId(Link link) {
        int end = link.ghlId().indexOf('#');
        return end < 0 ? link.ghlId() : link.ghlId().substring(0, end);
    }

    private LinkKey leadKey(Exchange exchange) {
        return CliengoLinks.key(exchange, defaultLocationId, EntityType.CONTACT,
                exchange.getMessage().getHeader(CliengoLinks.LEAD_ID, String.class));
    }

    private static LinkKey duplicateKey(LinkKey key) {
        return new LinkKey(DUPLICATE_SOURCE, key.entityType(), key.locationId(), key.sourceId());
    }
}
