package io.ghlsync.sources.cliengo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Before creating the contact of a lead that an earlier attempt may have created already ({@code EarlierAttempt}): asks
 * GHL for the contact its duplicate rule would match ({@code GET /contacts/search/duplicate}, by the mapped email and
 * phone) and, when there is one, names it in {@value #FOUND}, so the route takes the existing-contact path (upsert
 * without tags, add the tags) instead of a second create, which a location that allows duplicates would accept.
 */
public final class ContactAdoption implements AggregationStrategy {

    /** The contact GHL holds for the mapped contact's email or phone, when it holds one. */
    static final String FOUND = "ghlContactFound";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The lookup's query (the ghl component's parameters header) from the mapped contact: its email and phone. */
    public Map<String, Object> duplicateQuery(Exchange exchange) {
        JsonNode contact = JSON.valueToTree(exchange.getMessage().getBody());
        Map<String, Object> query = new LinkedHashMap<>();
        if (contact.hasNonNull("email")) {
            query.put("email", contact.get("email").asText());
        }
        if (contact.hasNonNull("phone")) {
            query.put("number", contact.get("phone").asText());
        }
        return query;
    }

    /** True when the mapped contact (the body) has an email or a phone to look for. */
    public boolean identifiable(Exchange exchange) {
        return !duplicateQuery(exchange).isEmpty();
    }

    @Override
    public Exchange aggregate(Exchange mapped, Exchange answer) {
        String id = JSON.valueToTree(answer.getMessage().getBody()).path("contact").path("id").asText("");
        if (!id.isEmpty()) {
            mapped.getMessage().setHeader(FOUND, id);
        }
        return mapped;
    }
}
