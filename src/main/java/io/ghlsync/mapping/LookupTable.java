package io.ghlsync.mapping;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A value lookup table ({@code lookups:} in a mapping, used as {@code {lookup: name}}), for status and stage names.
 * Keys match after trimming and, unless {@code caseSensitive: true}, regardless of case. A value not in the table
 * is, per {@code unknown:}, an error naming the known values ({@code error}, the default), passed on as it is
 * ({@code keep}), dropped ({@code omit}), or replaced ({@code {default: value}}).
 */
final class LookupTable implements Transform {

    enum Unknown { ERROR, KEEP, OMIT, DEFAULT }

    private final String name;
    private final Map<String, JsonNode> values;
    private final boolean caseSensitive;
    private final Unknown unknown;
    private final JsonNode defaultValue;

    LookupTable(String name, Map<String, JsonNode> values, boolean caseSensitive, Unknown unknown, JsonNode defaultValue) {
        this.name = name;
        this.caseSensitive = caseSensitive;
        this.unknown = unknown;
        this.defaultValue = defaultValue;
        Map<String, JsonNode> keyed = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            JsonNode previous = keyed.put(key(key), value);
            if (previous != null) {
                throw new IllegalArgumentException("lookup " + name + " has the key '" + key + "' twice"
                        + (caseSensitive ? "" : " (keys are compared regardless of case)"));
            }
        });
        this.values = keyed;
    }

    @Override
    public JsonNode apply(JsonNode value) throws TransformFailure {
        String text = value.isBoolean() ? String.valueOf(value.booleanValue()) : Json.scalarText(value);
        if (text == null) {
            throw TransformFailure.type("a value of lookup " + name + " (text)", value);
        }
        JsonNode found = values.get(key(text));
        if (found != null) {
            return found.isNull() ? null : found;
        }
        return switch (unknown) {
            case KEEP -> value;
            case OMIT -> null;
            case DEFAULT -> defaultValue;
            case ERROR -> throw new TransformFailure("lookup", "unknown value " + Json.excerpt(Text.trim(text))
                    + " for lookup " + name + " (known: " + known() + ")");
        };
    }

    private String known() {
        String list = values.keySet().stream().limit(12).collect(Collectors.joining(", "));
        return values.size() > 12 ? list + ", ..." : list;
    }

    private String key(String text) {
        String trimmed = Text.trim(text);
        return caseSensitive ? trimmed : Text.lower(trimmed);
    }

    String name() {
        return name;
    }
}
