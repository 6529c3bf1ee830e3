package io.ghlsync.sources.cliengo;

import io.ghlsync.ghl.GhlConstants;
import io.ghlsync.state.EntityType;
import io.ghlsync.state.LinkKey;
import org.apache.camel.Exchange;

import java.util.Map;

/** What the Cliengo flow's link beans share: the message headers they read and write, and how a link key is named. */
final class CliengoLinks {

    static final String SOURCE_SYSTEM = "cliengo";
    /** The Cliengo lead the event is about (set by the route from the event's leadId). */
    static final String LEAD_ID = "cliengoLeadId";
    /** The GHL contact of that lead, once known: the contactId of the ghl: calls. */
    static final String CONTACT_ID = "ghlContactId";
    /** True when this exchange created the lead's contact (so it had none of the tags a batch removes). */
    static final String CONTACT_CREATED = "ghlContactCreated";

    private CliengoLinks() {
    }

    static String locationId(Exchange exchange, String defaultLocationId) {
        String header = exchange.getMessage().getHeader(GhlConstants.LOCATION_ID, String.class);
        return header == null || header.isBlank() ? defaultLocationId : header;
    }

    static LinkKey key(Exchange exchange, String defaultLocationId, EntityType type, String sourceId) {
        if (sourceId == null || sourceId.isBlank()) {
            throw new IllegalArgumentException("the Cliengo event names no " + type.dbName() + " id");
        }
        return new LinkKey(SOURCE_SYSTEM, type, locationId(exchange, defaultLocationId), sourceId);
    }

    /** The id of the record GHL answered with, e.g. {@code {"contact": {"id": ...}}} for {@code record = "contact"}. */
    static String ghlId(Object answer, String record) {
        if (answer instanceof Map<?, ?> body && body.get(record) instanceof Map<?, ?> created
                && created.get("id") instanceof String id && !id.isBlank()) {
            return id;
        }
        throw new IllegalStateException("GHL's answer carries no " + record + " id");
    }
}
