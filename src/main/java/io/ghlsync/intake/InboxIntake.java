package io.ghlsync.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ghlsync.state.Inbox;
import org.apache.camel.Message;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a received message into inbox items: the raw body as payload, the event id, ordering key and type read by JSON
 * Pointer (RFC 6901) or from headers, and only the headers the endpoint names. Bad input is an {@link IntakeRejection}
 * with the HTTP status and reason to answer; nothing is stored for it.
 */
final class InboxIntake {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final InboxEndpoint endpoint;
    private final List<String> keptHeaders;

    InboxIntake(InboxEndpoint endpoint) {
        this.endpoint = endpoint;
        this.keptHeaders = endpoint.keptHeaders();
    }

    /** One item from a webhook's raw body. */
    Inbox.NewItem item(Message in) {
        String payload = in.getBody(String.class);
        if (payload == null || payload.isBlank()) {
            throw new IntakeRejection(400, "the request has no body");
        }
        if (payload.length() > endpoint.getMaxBodySize()) {
            throw new IntakeRejection(413, "the body is longer than " + endpoint.getMaxBodySize() + " characters");
        }
        return item(payload, in, headers(in));
    }

    /** The records of a polled page (a list body), each its own item, in page order. */
    List<Inbox.NewItem> items(List<?> page, Message in) {
        Map<String, String> headers = headers(in);
        List<Inbox.NewItem> items = new ArrayList<>(page.size());
        for (Object record : page) {
            items.add(item(asJson(record), in, headers));
        }
        return items;
    }

    private Inbox.NewItem item(String payload, Message in, Map<String, String> headers) {
        JsonNode json = needsJson() ? parse(payload) : null;
        String eventId = pick(json, endpoint.getEventId(), "eventId", in.getHeader(InboxConstants.EVENT_ID, String.class), 255);
        String type = pick(json, endpoint.getEventType(), "eventType", in.getHeader(InboxConstants.EVENT_TYPE, String.class), 128);
        String key = pick(json, endpoint.getOrderingKey(), "orderingKey", in.getHeader(InboxConstants.ORDERING_KEY, String.class), 512);
        return new Inbox.NewItem(endpoint.getSource(), type, eventId, key == null ? endpoint.getSource() : key, payload, headers,
                sequence(json, in));
    }

    private boolean needsJson() {
        return endpoint.getEventId() != null || endpoint.getEventType() != null || endpoint.getOrderingKey() != null
                || endpoint.getSequence() != null;
    }

    /** The pointer's number, else the header's; none is fine (the item is then not in the ordered release). */
    private Long sequence(JsonNode json, Message in) {
        if (endpoint.getSequence() == null) {
            return in.getHeader(InboxConstants.SEQUENCE, Long.class);
        }
        JsonNode node = json.at(endpoint.getSequence().strip());
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (!node.canConvertToExactIntegral() || !node.canConvertToLong()) {
            throw new IntakeRejection(400, "the sequence at " + endpoint.getSequence().strip() + " is not a whole number");
        }
        return node.asLong();
    }

    /** The pointers' values joined with ':', else the header; a pointer that finds nothing is the sender's error. */
    private static String pick(JsonNode json, String pointers, String option, String header, int maxLength) {
        String value = header;
        if (pointers != null) {
            List<String> parts = new ArrayList<>();
            for (String pointer : pointers.split(",")) {
                JsonNode node = json.at(pointer.strip());
                if (node.isMissingNode() || node.isNull() || node.isContainerNode() || node.asText().isBlank()) {
                    throw new IntakeRejection(400, "the body has no " + option + " at " + pointer.strip());
                }
                parts.add(node.asText());
            }
            value = String.join(":", parts);
        }
        if (value != null && value.length() > maxLength) {
            throw new IntakeRejection(400, option + " is longer than " + maxLength + " characters");
        }
        return value;
    }

    private Map<String, String> headers(Message in) {
        Map<String, String> kept = new LinkedHashMap<>();
        for (String name : keptHeaders) {
            String value = in.getHeader(name, String.class);
            if (value != null) {
                kept.put(name, value);
            }
        }
        return kept;
    }

    private static JsonNode parse(String payload) {
        try {
            return JSON.readTree(payload);
        } catch (JsonProcessingException e) {
            throw new IntakeRejection(400, "the body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static String asJson(Object record) {
        if (record instanceof String s) {
            return s;
        }
        if (record instanceof byte[] b) {
            return new String(b, StandardCharsets.UTF_8);
        }
        try {
            return JSON.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new IntakeRejection(400, "a record of the page is not JSON-serialisable: " + e.getOriginalMessage());
        }
    }

    /** Bad input: answered with this status and reason, and nothing is stored. */
    static final class IntakeRejection extends RuntimeException {
        final int status;

        IntakeRejection(int status, String reason) {
            super(reason, null, false, false);
            this.status = status;
        }
    }
}
