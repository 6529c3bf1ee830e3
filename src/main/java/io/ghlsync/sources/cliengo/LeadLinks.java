package io.ghlsync.sources.cliengo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The link of a Cliengo lead to its GHL contact: tells whether a lead's contact fields and its tags differ from what was
 * last written, each on its own (so an unchanged lead costs no GHL call, and a changed one only the call for what
 * changed), finds the contact of a lead for its notes, tasks and tags, and keeps the link.
 */
public final class LeadLinks {

    /** Exchange variable: the mapped tags to add ({"tags": [...]}); hashed apart, never part of the upsert. */
    public static final String TAGS = "ghlTags";
    /** Exchange variable (boolean) set by {@link #compare}: the mapped contact differs from what was last written. */
    public static final String CONTACT_CHANGED = "cliengoContactChanged";
    /** Exchange variable (boolean) set by {@link #compare}: the mapped tags differ from the tags last added. */
    public static final String TAGS_CHANGED = "cliengoTagsChanged";
    private static final String HASH = "cliengoLeadHash";
    private static final String TAGS_HASH = "cliengoTagsHash";
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
     * Hashes the mapped contact (the body) and its mapped tags (the {@link #TAGS} variable) apart, and compares each
     * with the lead's link: sets {@link #CONTACT_CHANGED} and {@link #TAGS_CHANGED} (both true for a lead never
     * written), and keeps the hashes for {@link #link}. Apart because GHL takes the tags in a call of their own (an
     * upsert's tags would replace the contact's): an update of the fields alone must not add the tags again.
     * A step of its own: Camel evaluates a filter's bean predicate on a copy of the exchange, whose variables are lost.
     */
    public void compare(Exchange exchange) {
        String hash = ContentHash.of(exchange.getMessage().getBody(JsonNode.class));
        String tagsHash = tagsHash(exchange.getVariable(TAGS, JsonNode.class));
        Optional<Link> link = find(exchange);
        exchange.setVariable(HASH, hash);
        exchange.setVariable(TAGS_HASH, tagsHash);
        exchange.setVariable(CONTACT_CHANGED, link.map(l -> !l.unchanged(hash)).orElse(true));
        exchange.setVariable(TAGS_CHANGED, link.map(l -> !l.tagsUnchanged(tagsHash)).orElse(true));
    }

    /** True when the mapped tags (the body, {"tags": [...]}) name at least one tag and differ from those last added. */
    public boolean addsTags(Exchange exchange) {
        return Boolean.TRUE.equals(exchange.getVariable(TAGS_CHANGED, Boolean.class)) && hasTags(exchange);
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

    /** Links the lead to the contact in ghlContactId, with the hashes of the contact and the tags just written. */
    public void link(Exchange exchange) {
        String contactId = exchange.getMessage().getHeader(CliengoLinks.CONTACT_ID, String.class);
        String hash = exchange.getVariable(HASH, String.class);
        String tagsHash = exchange.getVariable(TAGS_HASH, String.class);
        LinkKey key = leadKey(exchange);
        try {
            links.upsert(key, contactId, hash, tagsHash);
        } catch (LinkConflictException e) {
            // the duplicate rule matched another lead's contact: one person, one contact, two leads
            links.upsert(duplicateKey(key), contactId + "#" + key.sourceId(), hash, tagsHash);
        }
    }

    /**
     * After tags were removed from the lead's contact: the tags last added are no longer all there, so the lead's next
     * write adds its tags again (a tag removed, then added back in Cliengo, must reach GHL again).
     */
    public void tagsRemoved(Exchange exchange) {
        find(exchange).ifPresent(link -> links.upsert(link.key(), link.ghlId(), link.contentHash(), null));
    }

    /** The hash of a tag set as GHL compares tags: lower-case, in any order. */
    private static String tagsHash(JsonNode mapped) {
        TreeSet<String> tags = new TreeSet<>();
        if (mapped != null) {
            mapped.path("tags").forEach(tag -> tags.add(tag.asText().toLowerCase(Locale.ROOT)));
        }
        ArrayNode sorted = JsonNodeFactory.instance.arrayNode();
        tags.forEach(sorted::add);
        return ContentHash.of(sorted);
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
