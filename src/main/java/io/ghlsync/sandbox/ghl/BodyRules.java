package io.ghlsync.sandbox.ghl;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The request-body schema of one DTO in contacts.json, checked the way GHL's validation pipe does: required fields,
 * types, nullability, and (like GHL's whitelist) no properties the DTO does not declare. Messages follow
 * class-validator's wording ("title must be a string"), which is what GHL sends back.
 */
final class BodyRules {

    enum Kind { STRING, BOOLEAN, NUMBER, STRING_ARRAY, ARRAY, OBJECT, ISO_DATE, BIRTH_DATE, DND_SETTINGS, INBOUND_DND_SETTINGS, ANY }

    private record Field(String name, Kind kind, boolean required, boolean nullable) {
    }

    private static final Set<String> DND_CHANNELS = Set.of("Call", "Email", "SMS", "WhatsApp", "GMB", "FB");

    private final Map<String, Field> fields = new LinkedHashMap<>();
    private final boolean strict;

    private BodyRules(boolean strict) {
        this.strict = strict;
    }

    /** A DTO whose undeclared properties are rejected, as GHL's whitelisting pipe does. */
    static BodyRules strict() {
        return new BodyRules(true);
    }

    /** A DTO the spec leaves open (SearchBodyV2DTO has no properties at all), so unknown properties are ignored. */
    static BodyRules open() {
        return new BodyRules(false);
    }

    BodyRules required(String name, Kind kind) {
        fields.put(name, new Field(name, kind, true, false));
        return this;
    }

    /** Required, but may be JSON null (ContactsBusinessUpdate.businessId: null removes the business). */
    BodyRules requiredNullable(String name, Kind kind) {
        fields.put(name, new Field(name, kind, true, true));
        return this;
    }

    BodyRules optional(String name, Kind kind) {
        fields.put(name, new Field(name, kind, false, false));
        return this;
    }

    BodyRules nullable(String name, Kind kind) {
        fields.put(name, new Field(name, kind, false, true));
        return this;
    }

    BodyRules copy(boolean strictCopy) {
        BodyRules copy = new BodyRules(strictCopy);
        copy.fields.putAll(fields);
        return copy;
    }

    BodyRules without(String name) {
        fields.remove(name);
        return this;
    }

    /** All violations, empty when the body is acceptable. */
    List<String> check(JsonNode body) {
        List<String> problems = new ArrayList<>();
        if (body == null || !body.isObject()) {
            problems.add("request body must be a JSON object");
            return problems;
        }
        if (strict) {
            Iterator<String> names = body.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                if (!fields.containsKey(name)) {
                    problems.add("property " + name + " should not exist");
                }
            }
        }
        for (Field field : fields.values()) {
            JsonNode value = body.get(field.name());
            if (value == null) {
                if (field.required()) {
                    problems.add(field.name() + " should not be empty");
                }
                continue;
            }
            if (value.isNull()) {
                if (!field.nullable()) {
                    problems.add(field.name() + " should not be null");
                }
                continue;
            }
            checkKind(field.name(), field.kind(), value, problems);
        }
        return problems;
    }

    private static void checkKind(String name, Kind kind, JsonNode value, List<String> problems) {
        switch (kind) {
            case STRING -> {
                if (!value.isTextual()) {
                    problems.add(name + " must be a string");
                }
            }
            case BOOLEAN -> {
                if (!value.isBoolean()) {
                    problems.add(name + " must be a boolean value");
                }
            }
            case NUMBER -> {
                if (!value.isNumber()) {
                    problems.add(name + " must be a number conforming to the specified constraints");
                }
            }
            case STRING_ARRAY -> {
                if (!value.isArray()) {
                    problems.add(name + " must be an array");
                } else {
                    for (JsonNode item : value) {
                        if (!item.isTextual()) {
                            problems.add("each value in " + name + " must be a string");
                            break;
                        }
                    }
                }
            }
            case ARRAY -> {
                if (!value.isArray()) {
                    problems.add(name + " must be an array");
                }
            }
            case OBJECT -> {
                if (!value.isObject()) {
                    problems.add(name + " must be an object");
                }
            }
            case ISO_DATE -> {
                if (!value.isTextual() || !isIsoDateTime(value.asText())) {
                    problems.add(name + " must be a valid ISO 8601 date string");
                }
            }
            case BIRTH_DATE -> {
                // The spec types dateOfBirth as "object" but its example (and GHL) take "1990-09-25" or an ISO timestamp
                if (!value.isTextual() || !(isIsoDateTime(value.asText()) || isIsoDate(value.asText()))) {
                    problems.add(name + " must be a date (YYYY-MM-DD or ISO 8601)");
                }
            }
            case DND_SETTINGS -> checkDndSettings(name, value, DND_CHANNELS, Set.of("active", "inactive", "permanent"), problems);
            case INBOUND_DND_SETTINGS -> checkDndSettings(name, value, Set.of("all"), Set.of("active", "inactive"), problems);
            case ANY -> {
            }
        }
    }

    private static void checkDndSettings(String name, JsonNode value, Set<String> channels, Set<String> statuses, List<String> problems) {
        if (!value.isObject()) {
            problems.add(name + " must be an object");
            return;
        }
        value.fields().forEachRemaining(entry -> {
            String channel = name + "." + entry.getKey();
            if (!channels.contains(entry.getKey())) {
                problems.add("property " + channel + " should not exist");
                return;
            }
            JsonNode setting = entry.getValue();
            if (!setting.isObject()) {
                problems.add(channel + " must be an object");
                return;
            }
            JsonNode status = setting.get("status");
            if (status == null || !status.isTextual() || !statuses.contains(status.asText())) {
                problems.add(channel + ".status must be one of the following values: " + String.join(", ", statuses));
            }
            for (String text : List.of("message", "code")) {
                if (setting.has(text) && !setting.get(text).isTextual()) {
                    problems.add(channel + "." + text + " must be a string");
                }
            }
        });
    }

    static boolean isIsoDateTime(String text) {
        try {
            OffsetDateTime.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    static boolean isIsoDate(String text) {
        try {
            LocalDate.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
