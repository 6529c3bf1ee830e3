package io.ghlsync.operations;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.ghlsync.state.DeadLetter;
import io.ghlsync.state.DeadLetterFailure;

import java.util.LinkedHashMap;
import java.util.Map;

/** Dead letters as the admin API shows them: a summary for lists, everything (record included) for one letter. */
final class DeadLetterJson {

    private DeadLetterJson() {
    }

    static Map<String, Object> summary(DeadLetter letter) {
        DeadLetterFailure f = letter.failure();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", letter.id());
        json.put("status", letter.status().name());
        json.put("route", f.routeId());
        json.put("source", f.sourceSystem());
        json.put("location", f.locationId());
        json.put("errorClass", f.errorClass());
        json.put("errorMessage", f.errorMessage());
        json.put("errorField", f.errorField());
        json.put("httpStatus", f.httpStatus());
        json.put("attempts", f.attempts());
        json.put("createdAt", letter.createdAt() == null ? null : letter.createdAt().toString());
        json.put("updatedAt", letter.updatedAt() == null ? null : letter.updatedAt().toString());
        return json;
    }

    static Map<String, Object> full(DeadLetter letter) {
        DeadLetterFailure f = letter.failure();
        Map<String, Object> json = summary(letter);
        json.put("replayEndpoint", f.replayEndpoint());
        json.put("headers", f.headers());
        json.put("sourceRecord", jsonOrText(f.sourceRecord()));
        json.put("mappedPayload", jsonOrText(f.mappedPayload()));
        return json;
    }

    /** A stored JSON text as JSON, so operators read it as such; anything else as the text it is. */
    private static Object jsonOrText(String text) {
        if (text == null) {
            return null;
        }
        try {
            JsonNode node = AdminResponses.JSON.readTree(text);
            return node.isContainerNode() ? node : text;
        } catch (JsonProcessingException e) {
            return text;
        }
    }
}
