package io.ghlsync.sandbox.ghl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The contact fields of a validated create/update/upsert body, normalised as GHL stores them: phone in E.164, email
 * trimmed, dateOfBirth as an ISO timestamp, custom fields keyed by id. A JSON null means "clear this field".
 */
final class ContactInput {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    private final ObjectNode fields;
    private final TagSet tags;
    private final Map<String, JsonNode> customFields;

    private ContactInput(ObjectNode fields, TagSet tags, Map<String, JsonNode> customFields) {
        this.fields = fields;
        this.tags = tags;
        this.customFields = customFields;
    }

    /** Reads a body already checked by {@link BodyRules}; value problems (phone, email) raise 422 like GHL. */
    static ContactInput from(JsonNode body, CustomFieldRegistry registry) {
        ObjectNode fields = Json.object();
        List<String> problems = new ArrayList<>();
        for (String name : Contact.PLAIN_FIELDS) {
            JsonNode value = body.get(name);
            if (value == null) {
                continue;
            }
            if (value.isNull()) {
                fields.putNull(name);
                continue;
            }
            switch (name) {
                case "phone" -> {
                    String e164 = PhoneNumber.e164(value.asText());
                    if (e164 == null) {
                        problems.add("phone must be a valid phone number in E.164 format (e.g. +14155550123), not '" + value.asText() + "'");
                    } else {
                        fields.put(name, e164);
                    }
                }
                case "email" -> {
                    String email = value.asText().trim();
                    if (email.isEmpty()) {
                        fields.putNull(name);
                    } else if (!EMAIL.matcher(email).matches()) {
                        problems.add("email must be an email");
                    } else {
                        fields.put(name, email);
                    }
                }
                case "dateOfBirth" -> {
                    String text = value.asText();
                    fields.put(name, BodyRules.isIsoDate(text) ? text + "T00:00:00.000Z" : text);
                }
                default -> fields.set(name, value.isTextual() ? TextNode.valueOf(value.asText()) : value.deepCopy());
            }
        }
        Map<String, JsonNode> custom = new LinkedHashMap<>();
        JsonNode customArray = body.get("customFields");
        if (customArray != null && customArray.isArray()) {
            int index = 0;
            for (JsonNode entry : customArray) {
                String id = Json.text(entry, "id");
                String key = Json.text(entry, "key");
                if (!entry.isObject() || (id == null && key == null)) {
                    problems.add("customFields." + index + " must have an id or a key");
                } else {
                    String fieldId = id != null ? id : registry.idFor(key.startsWith("contact.") ? key.substring(8) : key);
                    JsonNode value = entry.has("field_value") ? entry.get("field_value") : entry.get("value");
                    custom.put(fieldId, value == null ? null : value.deepCopy());
                }
                index++;
            }
        }
        if (!problems.isEmpty()) {
            throw GhlError.unprocessable(problems);
        }
        TagSet tags = body.has("tags") && body.get("tags").isArray() ? TagSet.of(body.get("tags")) : null;
        return new ContactInput(fields, tags, custom);
    }

    ObjectNode fields() {
        return fields;
    }

    /** The replacement tags, or null when the request did not send tags (then they stay as they were). */
    TagSet tags() {
        return tags;
    }

    Map<String, JsonNode> customFields() {
        return customFields;
    }

    /** The email this input sets (null when it does not set one). */
    String email() {
        return Json.text(fields, "email");
    }

    String phone() {
        return Json.text(fields, "phone");
    }

    /** This input without one field: what upsert does with a second identifier that belongs to another contact. */
    ContactInput without(String field) {
        ObjectNode copy = fields.deepCopy();
        copy.remove(field);
        return new ContactInput(copy, tags, customFields);
    }
}
