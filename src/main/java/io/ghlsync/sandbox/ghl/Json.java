package io.ghlsync.sandbox.ghl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.Collection;

/** The one Jackson mapper of the GHL sandbox and the few node shortcuts every record class needs. */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    static ArrayNode array() {
        return JsonNodeFactory.instance.arrayNode();
    }

    static ArrayNode array(Collection<String> values) {
        ArrayNode array = array();
        values.forEach(array::add);
        return array;
    }

    static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }

    /** Parses a request body; a malformed one is the client's fault (400 with the parser's reason). */
    static JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            return object();
        }
        try {
            JsonNode node = MAPPER.readTree(body);
            return node == null || node.isMissingNode() ? object() : node;
        } catch (IOException e) {
            String reason = e.getMessage() == null ? "unreadable" : e.getMessage().lines().findFirst().orElse("unreadable");
            throw GhlError.badRequest("Malformed JSON body: " + reason);
        }
    }

    /** A string field, or null when absent or JSON null. */
    static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** Puts a string unless it is null: the spec's response schemas allow no nulls, so absent stays absent. */
    static void putIfPresent(ObjectNode target, String field, String value) {
        if (value != null) {
            target.put(field, value);
        }
    }

    static void setIfPresent(ObjectNode target, String field, JsonNode value) {
        if (value != null && !value.isNull() && !value.isMissingNode()) {
            target.set(field, value.deepCopy());
        }
    }
}
