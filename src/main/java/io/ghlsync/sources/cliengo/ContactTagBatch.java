package io.ghlsync.sources.cliengo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ghlsync.state.ContentHash;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;

import java.util.Locale;
import java.util.TreeSet;

/**
 * The aggregation strategy of route cliengo-tag-additions: existing GHL contacts that get the same tags added are
 * gathered into one body of {@code POST /contacts/bulk/tags/update/add}, {@code {"contacts": [...], "tags": [...]}}
 * (JSON text, as the aggregation repository stores it). The correlation key is a hash of the tag set, so any number
 * of tags fits the repository's key column. Hand-written: grouping contacts by tag set is domain logic.
 */
public final class ContactTagBatch implements AggregationStrategy {

    /** Header: the correlation key, the hash of the sorted, lower-case tag set. */
    static final String TAG_SET = "ghlTagSet";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Sets the tag-set key from the mapped tags in the body ({@code {"tags": [...]}}) and makes the body JSON text. */
    public void key(Exchange exchange) {
        JsonNode tags = JSON.convertValue(exchange.getMessage().getBody(), JsonNode.class).path("tags");
        TreeSet<String> sorted = new TreeSet<>();
        tags.forEach(tag -> sorted.add(tag.asText().toLowerCase(Locale.ROOT)));
        exchange.getMessage().setHeader(TAG_SET, ContentHash.of(JSON.valueToTree(sorted)));
        ObjectNode body = JSON.createObjectNode();
        body.putArray("contacts").add(exchange.getMessage().getHeader(CliengoLinks.CONTACT_ID, String.class));
        body.set("tags", JSON.valueToTree(sorted));
        exchange.getMessage().setBody(body.toString());
    }

    @Override
    public Exchange aggregate(Exchange batchExchange, Exchange contactExchange) {
        if (batchExchange == null) {
            return contactExchange;
        }
        ObjectNode batch = read(batchExchange.getMessage().getBody(String.class));
        ArrayNode contacts = (ArrayNode) batch.get("contacts");
        for (JsonNode contact : read(contactExchange.getMessage().getBody(String.class)).get("contacts")) {
            boolean known = false;
            for (JsonNode existing : contacts) {
                known |= existing.equals(contact);
            }
            if (!known) {
                contacts.add(contact);
            }
        }
        batchExchange.getMessage().setBody(batch.toString());
        return batchExchange;
    }

    /** GHL answers 201 even when some contacts failed: those make the bulk call fail, naming them. */
    public void check(Exchange exchange) {
        JsonNode answer = JSON.convertValue(exchange.getMessage().getBody(), JsonNode.class);
        if (answer.path("errorCount").asInt(0) > 0) {
            StringBuilder failed = new StringBuilder();
            answer.path("responses").forEach(r -> {
                if (!"success".equals(r.path("type").asText())) {
                    failed.append(failed.isEmpty() ? "" : ", ").append(r.path("contactId").asText())
                            .append(": ").append(r.path("message").asText());
                }
            });
            throw new IllegalStateException("bulk tag addition failed for " + answer.path("errorCount").asInt()
                    + " contact(s): " + failed);
        }
    }

    private static ObjectNode read(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a tag batch that is not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
