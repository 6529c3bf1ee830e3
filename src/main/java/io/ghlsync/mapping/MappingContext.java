package io.ghlsync.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Values a mapping needs that are not in the source record, such as the GHL {@code locationId}: read in mapping
 * files with the source path {@code $context.locationId}, or as {@code $context.locationId} inside a JSONata expression.
 * In a route they come from the exchange (see {@link MappingProcessor}); in {@code mapping-test} from
 * {@code --context name=value}.
 */
public final class MappingContext {

    private static final MappingContext EMPTY = new MappingContext(JsonNodeFactory.instance.objectNode());

    private final ObjectNode values;
    private volatile Map<String, Object> plain;

    private MappingContext(ObjectNode values) {
        this.values = values;
    }

    public static MappingContext empty() {
        return EMPTY;
    }

    public static MappingContext of(Map<String, ?> values) {
        return new MappingContext(Json.MAPPER.valueToTree(values));
    }

    public static MappingContext of(String name, Object value) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(name, value);
        return of(map);
    }

    /** A copy with one more value. */
    public MappingContext with(String name, Object value) {
        ObjectNode copy = values.deepCopy();
        copy.set(name, Json.MAPPER.valueToTree(value));
        return new MappingContext(copy);
    }

    JsonNode json() {
        return values;
    }

    /** The values as plain maps and lists, for JSONata; converted once per context. */
    Map<String, Object> plain() {
        Map<String, Object> result = plain;
        if (result == null) {
            result = Json.plain(values);
            plain = result;
        }
        return result;
    }

    @Override
    public String toString() {
        return "MappingContext" + values.properties().stream().map(Map.Entry::getKey).toList();
    }
}
