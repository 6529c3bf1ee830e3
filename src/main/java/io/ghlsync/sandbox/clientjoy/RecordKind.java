package io.ghlsync.sandbox.clientjoy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ghlsync.sandbox.rest.RestError;

import java.util.Map;
import java.util.Set;

/**
 * One kind of Clientjoy record (client, task, note, activity) as the contract defines it: the fields a client may
 * write, which text field is required, and the closed value sets. Checking a body here is what gives every bad write a
 * 400 naming the field, before anything changes.
 */
record RecordKind(String name, String plural, String idPrefix, Set<String> textFields, Set<String> objectFields,
        String requiredField, Map<String, Set<String>> allowed) {

    static final RecordKind CLIENT = new RecordKind("client", "clients", "cl",
            Set.of("external_id", "first_name", "last_name", "email", "phone", "company_name", "website", "stage", "source"),
            Set.of("tags", "address", "custom"), null,
            Map.of("stage", Set.of("lead", "prospect", "client", "lost")));
    static final RecordKind TASK = new RecordKind("task", "tasks", "tk",
            Set.of("external_id", "title", "description", "due_date", "status"), Set.of(), "title",
            Map.of("status", Set.of("open", "completed")));
    static final RecordKind NOTE = new RecordKind("note", "notes", "nt",
            Set.of("external_id", "body", "author"), Set.of(), "body", Map.of());
    static final RecordKind ACTIVITY = new RecordKind("activity", "activities", "ac",
            Set.of("external_id", "type", "title", "status", "starts_at", "ends_at", "location", "description"), Set.of(),
            "title", Map.of("type", Set.of("meeting", "call", "email", "other"),
                    "status", Set.of("scheduled", "confirmed", "cancelled", "completed", "no_show")));

    /**
     * Checks every field of a write: known, of the right type, in its value set; on create the required field is there.
     * Nothing is changed by a body that fails.
     */
    void check(ObjectNode body, boolean creating) {
        body.fields().forEachRemaining(field -> {
            String name = field.getKey();
            JsonNode value = field.getValue();
            if (textFields.contains(name)) {
                if (!value.isTextual() && !value.isNull()) {
                    throw RestError.badRequest(name + " must be a string", name);
                }
                Set<String> values = allowed.get(name);
                if (values != null && value.isTextual() && !values.contains(value.asText())) {
                    throw RestError.badRequest(name + " must be one of " + values.stream().sorted().toList(), name);
                }
            } else if (objectFields.contains(name)) {
                boolean array = name.equals("tags");
                if (!value.isNull() && (array ? !value.isArray() : !value.isObject())) {
                    throw RestError.badRequest(name + " must be " + (array ? "an array of strings" : "an object"), name);
                }
                if (array) {
                    value.forEach(tag -> {
                        if (!tag.isTextual()) {
                            throw RestError.badRequest("tags must be an array of strings", name);
                        }
                    });
                }
            } else {
                throw RestError.badRequest("unknown " + this.name + " field " + name, name);
            }
        });
        if (creating && requiredField != null) {
            JsonNode value = body.get(requiredField);
            if (value == null || !value.isTextual() || value.asText().isBlank()) {
                throw RestError.badRequest("a " + this.name + " needs " + requiredField, requiredField);
            }
        }
    }
}
