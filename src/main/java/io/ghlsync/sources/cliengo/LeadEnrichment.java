package io.ghlsync.sources.cliengo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Exchange;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * What ghl-sync writes back to a Cliengo lead once its GHL contact is known (routes/cliengo-to-ghl.camel.yaml, route
 * cliengo-enrich-lead): the GHL contact id and, when {@code cliengo.enrich.tags} is on, the GHL tags the lead lacks.
 * Only what differs is written, so the lead.updated echo of a write-back finds nothing left to write.
 */
public final class LeadEnrichment {

    /** Exchange variable: the lead as Cliengo sent it (a map, from the event). */
    public static final String LEAD = "cliengoLead";
    /** Exchange variable: the GHL contact's tags after the last write (GHL's answer to add-tags). */
    public static final String GHL_TAGS = "ghlContactTags";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final boolean enabled;
    private final boolean tags;

    public LeadEnrichment(boolean enabled, boolean tags) {
        this.enabled = enabled;
        this.tags = tags;
    }

    /** True when the lead does not carry its contact id yet, or lacks a GHL tag that should be written back. */
    public boolean needed(Exchange exchange) {
        return enabled && exchange.getMessage().getHeader(CliengoLinks.CONTACT_ID) != null
                && exchange.getVariable(LEAD) != null && patch(exchange).size() > 0;
    }

    /**
     * The PATCH body: {@code ghlContactId} when it differs, {@code addTags} with the GHL tags the lead lacks.
     */
    public ObjectNode patch(Exchange exchange) {
        JsonNode lead = JSON.valueToTree(exchange.getVariable(LEAD));
        String contactId = exchange.getMessage().getHeader(CliengoLinks.CONTACT_ID, String.class);
        ObjectNode patch = JSON.createObjectNode();
        if (!contactId.equals(lead.path("ghlContactId").asText(null))) {
            patch.put("ghlContactId", contactId);
        }
        if (tags) {
            Set<String> present = new HashSet<>();
            lead.path("tags").forEach(t -> present.add(t.asText().toLowerCase(Locale.ROOT)));
            ArrayNode add = JSON.createArrayNode();
            JSON.valueToTree(exchange.getVariable(GHL_TAGS)).path("tags").forEach(t -> {
                if (present.add(t.asText().toLowerCase(Locale.ROOT))) {
                    add.add(t.asText());
                }
            });
            if (!add.isEmpty()) {
                patch.set("addTags", add);
            }
        }
        return patch;
    }
}
