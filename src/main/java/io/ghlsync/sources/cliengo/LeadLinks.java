package io.ghlsync.sources.cliengo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
import java.util.Set;
import java.util.TreeSet;

/**
 * The link of a Cliengo lead to its GHL contact: tells whether a lead's contact fields differ from what was last
 * written and which of its tags GHL has not been given yet, each on its own (so an unchanged lead costs no GHL call,
 * and a changed one only the call for what changed), finds the contact of a lead for its notes, tasks and tags, and
 * keeps the link with the tags added to the contact.
 */
public final class LeadLinks {

    /**
     * Exchange variable: the mapped tags ({"tags": [...]}); never part of the upsert. After {@link #compare}, only those
     * the contact was not given yet.
     */
    public static final String TAGS = "ghlTags";
    /** Exchange variable (boolean) set by {@link #compare}: the mapped contact differs from what was last written. */
    public static final String CONTACT_CHANGED = "cliengoContactChanged";
    /** Exchange variable (boolean) set by {@link #compare}: the lead has tags the contact was not given yet. */
    public static final String TAGS_CHANGED = "cliengoTagsChanged";
    private static final String HASH = "cliengoLeadHash";
    /** Exchange variable: the tags the link will hold once the lead is written (JSON array text). */
    private static final String TAGS_ADDED = "cliengoTagsAdded";
    private static final ObjectMapper JSON = new ObjectMapper();
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
     * Compares the lead with its link: the mapped contact (the body) hashed against what was last written
     * ({@link #CONTACT_CHANGED}), and its mapped tags (the {@link #TAGS} variable) against the tags the contact was given
     * ({@link #TAGS_CHANGED}; {@link #TAGS} keeps only the missing ones). A lead never written, or whose added tags are
     * unknown, has everything to write. Apart because GHL takes tags in calls of their own (an upsert's tags would
     * replace the contact's): an update of the fields alone must not add the tags again.
     * A step of its own: Camel evaluates a filter's bean predicate on a copy of the exchange, whose variables are lost.
     */
    public void compare(Exchange exchange) {
        String hash = ContentHash.of(exchange.getMessage().getBody(JsonNode.class));
        Optional<Link> link = find(exchange);
        Set<String> given = link.map(l -> tags(l.tagsAdded())).orElse(null);
        JsonNode mapped = exchange.getVariable(TAGS, JsonNode.class);
        ArrayNode missing = JSON.createArrayNode();
        Set<String> after = given == null ? new TreeSet<>() : new TreeSet<>(given);
        if (mapped != null) {
            mapped.path("tags").forEach(tag -> {
                if (given == null || !given.contains(lower(tag))) {
                    missing.add(tag.asText());
                }
                after.add(lower(tag));
            });
        }
        ObjectNode toAdd = JSON.createObjectNode();
        toAdd.set("tags", missing);
        exchange.setVariable(TAGS, toAdd);
        exchange.setVariable(HASH, hash);
        exchange.setVariable(TAGS_ADDED, text(after));
        exchange.setVariable(CONTACT_CHANGED, link.map(l -> !l.unchanged(hash)).orElse(true));
        exchange.setVariable(TAGS_CHANGED, !missing.isEmpty());
    }

    /** True when the mapped tags (the body, {"tags": [...]}) name a tag the contact was not given yet. */
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

    /** Links the lead to the contact in ghlContactId, with the hash of the contact and the tags it was given. */
    public void link(Exchange exchange) {
        String contactId = exchange.getMessage().getHeader(CliengoLinks.CONTACT_ID, String.class);
        String hash = exchange.getVariable(HASH, String.class);
        String tagsAdded = exchange.getVariable(TAGS_ADDED, String.class);
        LinkKey key = leadKey(exchange);
        try {
            links.upsert(key, contactId, hash, tagsAdded);
        } catch (LinkConflictException e) {
            // the duplicate rule matched another lead's contact: one person, one contact, two leads
            links.upsert(duplicateKey(key), contactId + "#" + key.sourceId(), hash, tagsAdded);
        }
    }

    /**
     * After the mapped tags (the {@link #TAGS} variable) were handed to the bulk tags call (durably, in its aggregation):
     * the contact counts them as given, so the lead's next write does not add them again. A bulk call that fails for
     * good is a dead letter, whose replay adds them.
     */
    public void tagsQueued(Exchange exchange) {
        JsonNode queued = exchange.getVariable(TAGS, JsonNode.class);
        changeTags(exchange, queued == null ? null : queued.path("tags"), true);
    }

    /**
     * After the batch's removed tags were removed from the contact: they are no longer given, so a tag given back to
     * the lead in Cliengo is added again.
     */
    public void tagsRemoved(Exchange exchange) {
        JsonNode batch = JSON.convertValue(exchange.getVariable(LeadEventBatch.BATCH), JsonNode.class);
        changeTags(exchange, batch == null ? null : batch.path("removeTags"), false);
    }

    private void changeTags(Exchange exchange, JsonNode changed, boolean add) {
        find(exchange).ifPresent(link -> {
            Set<String> given = tags(link.tagsAdded());
            if (given == null || changed == null) {
                return; // unknown: the lead's next write adds all of its tags anyway
            }
            changed.forEach(tag -> {
                if (add) {
                    given.add(lower(tag));
                } else {
                    given.remove(lower(tag));
                }
            });
            links.upsert(link.key(), link.ghlId(), link.contentHash(), text(given));
        });
    }

    /** The tags of a link as a set (null when unknown); tags compare lower-case, as GHL and Cliengo compare them. */
    private static Set<String> tags(String json) {
        if (json == null) {
            return null;
        }
        try {
            Set<String> out = new TreeSet<>();
            JSON.readTree(json).forEach(tag -> out.add(lower(tag)));
            return out;
        } catch (JsonProcessingException e) {
            return null; // unreadable: unknown, so all tags are added again (harmless: adding is idempotent)
        }
    }

    private static String text(Set<String> tags) {
        ArrayNode array = JSON.createArrayNode();
        tags.forEach(array::add);
        return array.toString();
    }

    private static String lower(JsonNode tag) {
        return tag.asText().trim().toLowerCase(Locale.ROOT);
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
