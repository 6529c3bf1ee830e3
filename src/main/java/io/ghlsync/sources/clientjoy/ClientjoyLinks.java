package io.ghlsync.sources.clientjoy;

import com.fasterxml.jackson.databind.JsonNode;
import io.ghlsync.ghl.GhlConstants;
import io.ghlsync.state.ContentHash;
import io.ghlsync.state.EntityType;
import io.ghlsync.state.Link;
import io.ghlsync.state.LinkKey;
import io.ghlsync.state.Links;
import org.apache.camel.Exchange;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The links of GHL records to the Clientjoy records written from them (contact to client, task, note, appointment to
 * activity), with the hash of what was last written: tells a route whether a mapped record differs from what Clientjoy
 * already has (so an unchanged record costs no Clientjoy call), and keeps the link after a write.
 *
 * <p>The route names the record's kind in {@code clientjoyKind} (contact, task, note, appointment); after the mapping,
 * {@code ghlId} holds its GHL id (the mapped {@code external_id}); after the write, {@code clientjoyId} its Clientjoy id.
 */
public final class ClientjoyLinks {

    /** The link table's source system for Clientjoy records. */
    public static final String SOURCE = "clientjoy";
    public static final String KIND = "clientjoyKind";
    public static final String GHL_ID = "ghlId";
    public static final String CLIENTJOY_ID = "clientjoyId";
    /** The GHL contact a route works on, and the Clientjoy client linked to it. */
    public static final String CONTACT_ID = "ghlContactId";
    public static final String CLIENT_ID = "clientjoyClientId";
    /** Set (true) by an on-demand sync: write even what the hash says is unchanged. */
    public static final String FORCE = "clientjoyForce";
    /** Set (true) when this record must not be written to Clientjoy now (see {@link #changed}). */
    public static final String SKIP = "clientjoySkip";
    static final String HASH = "clientjoyHash";

    private final Links links;
    private final String defaultLocationId;

    public ClientjoyLinks(Links links, String defaultLocationId) {
        this.links = links;
        this.defaultLocationId = defaultLocationId;
    }

    /**
     * Keeps the hash of the mapped record (the body) in a variable, for {@link #changed} and {@link #link}. A step of
     * its own: Camel evaluates a filter's bean predicate on a copy of the exchange, whose variables are lost.
     */
    public void hash(Exchange exchange) {
        exchange.setVariable(HASH, ContentHash.of(exchange.getMessage().getBody(JsonNode.class)));
    }

    /**
     * True when the record was never written to Clientjoy, differs from what was, or the sync is forced; false when a
     * step before said to leave it ({@code clientjoySkip}: Clientjoy -> GHL is linking it, or Clientjoy's own change wins).
     */
    public boolean changed(Exchange exchange) {
        if (Boolean.TRUE.equals(exchange.getVariable(SKIP, Boolean.class))) {
            return false;
        }
        if (Boolean.TRUE.equals(exchange.getVariable(FORCE, Boolean.class))) {
            return true;
        }
        String hash = exchange.getVariable(HASH, String.class);
        return links.findByGhlId(SOURCE, kind(exchange), locationId(exchange), ghlId(exchange))
                .map(link -> !link.unchanged(hash)).orElse(true);
    }

    /** Links the Clientjoy record in {@code clientjoyId} to the GHL record, with the hash of what was just written. */
    public void link(Exchange exchange) {
        String clientjoyId = exchange.getVariable(CLIENTJOY_ID, String.class);
        if (clientjoyId == null || clientjoyId.isBlank()) {
            throw new IllegalStateException("Clientjoy answered a write without an id");
        }
        LinkKey key = new LinkKey(SOURCE, kind(exchange), locationId(exchange), clientjoyId);
        // Clientjoy answered a write by external id with another record than the linked one: the linked one is gone
        // (deleted in Clientjoy; the reconciliation copies it again), and the link follows Clientjoy's answer
        links.findByGhlId(SOURCE, key.entityType(), key.locationId(), ghlId(exchange))
                .filter(old -> !old.key().equals(key)).ifPresent(old -> links.delete(old.key()));
        links.upsert(key, ghlId(exchange), exchange.getVariable(HASH, String.class));
    }

    /**
     * The Clientjoy client of the GHL contact in {@code ghlContactId} into {@code clientjoyClientId}, or null when the
     * contact was never written to Clientjoy: how a GHL webhook about a note, task or appointment finds its client.
     */
    public void clientOf(Exchange exchange) {
        String contactId = exchange.getVariable(CONTACT_ID, String.class);
        exchange.setVariable(CLIENT_ID, contactId == null || contactId.isBlank() ? null
                : contactLink(exchange, contactId).map(link -> link.key().sourceId()).orElse(null));
    }

    /** The Clientjoy id linked to the GHL record in {@code ghlId} (of kind {@code clientjoyKind}) into {@code clientjoyId}, or null. */
    public void linked(Exchange exchange) {
        exchange.setVariable(CLIENTJOY_ID, links.findByGhlId(SOURCE, kind(exchange), locationId(exchange), ghlId(exchange))
                .map(link -> link.key().sourceId()).orElse(null));
    }

    /**
     * The GHL id linked to the Clientjoy record in {@code clientjoyId} (of kind {@code clientjoyKind}) into
     * {@code ghlId}, or null: how a polled Clientjoy record finds the GHL record it is kept in step with.
     */
    public void linkedGhl(Exchange exchange) {
        exchange.setVariable(GHL_ID, links.find(new LinkKey(SOURCE, kind(exchange), locationId(exchange),
                exchange.getVariable(CLIENTJOY_ID, String.class))).map(Link::ghlId).orElse(null));
    }

    /** Forgets the link of the Clientjoy record in {@code clientjoyId}, after that record was deleted. */
    public void unlink(Exchange exchange) {
        links.delete(new LinkKey(SOURCE, kind(exchange), locationId(exchange), exchange.getVariable(CLIENTJOY_ID, String.class)));
    }

    /**
     * Forgets the links of the records a Clientjoy list answer names (the body, e.g. {@code {"tasks": [...]}}, or
     * nothing when the client was gone), the collection in {@code clientjoyCollection}: before their client is deleted,
     * since links are found by record, not by client.
     */
    public void unlinkListed(Exchange exchange) {
        String collection = exchange.getVariable("clientjoyCollection", String.class);
        EntityType kind = switch (collection) {
            case "tasks" -> EntityType.TASK;
            case "notes" -> EntityType.NOTE;
            case "activities" -> EntityType.APPOINTMENT;
            default -> throw new IllegalArgumentException("no linked records in the Clientjoy collection " + collection);
        };
        Object body = exchange.getMessage().getBody();
        if (body instanceof Map<?, ?> answer && answer.get(collection) instanceof java.util.List<?> records) {
            for (Object record : records) {
                if (record instanceof Map<?, ?> map && map.get("id") != null) {
                    links.delete(new LinkKey(SOURCE, kind, locationId(exchange), map.get("id").toString()));
                }
            }
        }
    }

    /** The GHL id of the record just mapped (its {@code external_id}) into {@code ghlId}. */
    public void ghlIdFromMapped(Exchange exchange) {
        JsonNode mapped = exchange.getMessage().getBody(JsonNode.class);
        String id = mapped == null ? null : mapped.path("external_id").asText(null);
        if (id == null || id.isBlank()) {
            throw new IllegalStateException("the mapped record has no external_id (the GHL id)");
        }
        exchange.setVariable(GHL_ID, id);
    }

    /** The Clientjoy id in a Clientjoy answer (the body, a JSON object), into {@code clientjoyId}. */
    public void clientjoyIdFromAnswer(Exchange exchange) {
        Object body = exchange.getMessage().getBody();
        Object id = body instanceof Map<?, ?> map ? map.get("id") : null;
        exchange.setVariable(CLIENTJOY_ID, id == null ? null : id.toString());
    }

    /** The link of the GHL contact {@code contactId} to its Clientjoy client, in the exchange's GHL location. */
    Optional<Link> contactLink(Exchange exchange, String contactId) {
        return links.findByGhlId(SOURCE, EntityType.CONTACT, locationId(exchange), contactId);
    }

    /** The exchange's GHL location: its header, else the engine's default location. */
    String locationId(Exchange exchange) {
        String header = exchange.getMessage().getHeader(GhlConstants.LOCATION_ID, String.class);
        return header == null || header.isBlank() ? defaultLocationId : header;
    }

    private static EntityType kind(Exchange exchange) {
        String kind = exchange.getVariable(KIND, String.class);
        if (kind == null) {
            throw new IllegalStateException("the route did not name the record's kind (variable " + KIND + ")");
        }
        return EntityType.valueOf(kind.toUpperCase(Locale.ROOT));
    }

    private static String ghlId(Exchange exchange) {
        String id = exchange.getVariable(GHL_ID, String.class);
        if (id == null || id.isBlank()) {
            throw new IllegalStateException("the GHL record has no id (variable " + GHL_ID + ")");
        }
        return id;
    }
}
