package io.ghlsync.sandbox.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;

/** The one Jackson mapper of the source look-alikes (Cliengo, Clientjoy) and the node shortcuts their handlers share. */
public final class RestJson {

    public static final ObjectMapper MAPPER = new ObjectMapper();

    private RestJson() {
    }

    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    public static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }

    /** A request body as a JSON object; empty is {}; anything else is the client's 400. */
    public static ObjectNode parseObject(byte[] body) {
        if (body == null || body.length == 0) {
            return object();
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(body);
        } catch (IOException e) {
            String reason = e.getMessage() == null ? "unreadable" : e.getMessage().lines().findFirst().orElse("unreadable");
            throw RestError.badRequest("malformed JSON body: " + reason, null);
        }
        if (node == null || node.isMissingNode()) {
            return object();
        }
        if (!node.isObject()) {
            throw RestError.badRequest("the body must be a JSON object", null);
        }
        return (ObjectNode) node;
    }

    /** A string field, or null when absent or JSON null. */
    public static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** {@code {field: [items...]}}, the shape of every list answer. */
    public static ObjectNode list(String field, java.util.List<ObjectNode> items) {
        ObjectNode out = object();
        items.forEach(out.putArray(field)::add);
        return out;
    }
}
