package io.ghlsync.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.ArrayList;
import java.util.List;

/**
 * One compiled mapping file: source entity → target entity. Immutable and thread-safe; everything that can be done
 * once (paths, transforms, lookup tables, JSONata expressions, the request schema) was done when it was loaded, so
 * {@link #apply} only reads the record and builds the output.
 */
public final class Mapping {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final MappingHeader header;
    private final MappingSettings settings;
    private final List<TargetedRule> fields;
    private final List<CustomFieldRule> customFields;
    private final List<RecordRule> rules;
    private final GhlRequestSchemas.Schema schema;

    record TargetedRule(TargetPath path, FieldRule rule) {
    }

    record CustomFieldRule(String key, FieldRule rule) {
    }

    Mapping(MappingHeader header, MappingSettings settings, List<TargetedRule> fields, List<CustomFieldRule> customFields,
            List<RecordRule> rules, GhlRequestSchemas.Schema schema) {
        this.header = header;
        this.settings = settings;
        this.fields = List.copyOf(fields);
        this.customFields = List.copyOf(customFields);
        this.rules = List.copyOf(rules);
        this.schema = schema;
    }

    public String name() {
        return header.name();
    }

    public MappingHeader header() {
        return header;
    }

    /** Maps one record. Never throws for anything in the record: problems come back as errors with their field paths. */
    public MappingResult apply(JsonNode record, MappingContext context) {
        if (record == null || !record.isObject()) {
            return MappingResult.failed(name(), List.of(new MappingError("", "$", "input",
                    "the record must be a JSON object, got " + Json.describe(record))));
        }
        RecordScope scope = new RecordScope(record, context == null ? MappingContext.empty() : context);
        List<MappingError> errors = new ArrayList<>(0);
        ObjectNode output = NODES.objectNode();
        for (TargetedRule field : fields) {
            JsonNode value = field.rule().evaluate(scope, settings, errors);
            if (value != null) {
                field.path().write(output, value);
            }
        }
        if (!customFields.isEmpty()) {
            ArrayNode entries = null;
            for (CustomFieldRule field : customFields) {
                JsonNode value = field.rule().evaluate(scope, settings, errors);
                if (value != null) {
                    if (entries == null) {
                        entries = output.putArray("customFields");
                    }
                    scope.sourceOf("customFields[" + entries.size() + "]", scope.sourceOf(field.rule().target()));
                    ObjectNode entry = entries.addObject();
                    entry.set("key", TextNode.valueOf(field.key()));
                    entry.set("field_value", value);
                }
            }
        }
        for (RecordRule rule : rules) {
            MappingError error = rule.check(output, scope);
            if (error != null) {
                errors.add(error);
            }
        }
        if (errors.isEmpty() && schema != null) {
            schema.validate(output, scope, customFieldKeys(output), errors);
        }
        return errors.isEmpty() ? MappingResult.ok(name(), output) : MappingResult.failed(name(), errors);
    }

    private static List<String> customFieldKeys(ObjectNode output) {
        JsonNode entries = output.get("customFields");
        if (entries == null || !entries.isArray()) {
            return List.of();
        }
        List<String> keys = new ArrayList<>(entries.size());
        entries.forEach(entry -> keys.add(entry.path("key").asText()));
        return keys;
    }

    /**
     * A record already in this mapping's target shape (e.g. a Clientjoy client as Clientjoy answers it) cut down to the
     * fields this mapping writes, with the values it would leave out (null, blank text, empty lists) left out too: what
     * the record would hash as had this mapping written it, so a write of ours coming back can be recognised.
     */
    public ObjectNode project(JsonNode targetRecord) {
        ObjectNode out = NODES.objectNode();
        for (TargetedRule field : fields) {
            JsonNode value = field.path().read(targetRecord);
            boolean empty = value == null || value.isNull() || value.isMissingNode()
                    || (value.isTextual() && value.asText().isBlank()) || (value.isContainerNode() && value.isEmpty());
            if (!empty) {
                field.path().write(out, value.deepCopy());
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "Mapping[" + name() + " -> " + (header.operation() != null ? header.operation() : header.target()) + "]";
    }
}
