package io.ghlsync.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The project's own JSON Schemas (draft 2020-12) of the request bodies it sends to GHL, one per operationId, in
 * {@code src/main/resources/ghl-schemas/}. Each follows the official request schema in {@code apps/contacts.json}
 * (a test keeps them in step) and is stricter where ghl-sync is: no unknown properties, E.164 phones, non-empty
 * titles. A mapping that feeds a GHL operation is checked against its schema after every record, before any call
 * is spent. Loaded once, shared, thread-safe.
 */
public final class GhlRequestSchemas {

    /** Every operation the project has a request schema for (a test checks this list against the folder). */
    public static final List<String> OPERATIONS = List.of("upsert-contact", "update-contact", "create-task", "update-task",
            "update-task-completed", "create-note", "update-note", "add-tags", "remove-tags", "create-association");

    private static final String FOLDER = "/ghl-schemas/";
    private static volatile GhlRequestSchemas shared;

    private final Map<String, Schema> schemas;

    private GhlRequestSchemas(Map<String, Schema> schemas) {
        this.schemas = schemas;
    }

    /** The schemas on the class path, loaded on first use. */
    public static GhlRequestSchemas shared() {
        GhlRequestSchemas result = shared;
        if (result == null) {
            synchronized (GhlRequestSchemas.class) {
                result = shared;
                if (result == null) {
                    result = load();
                    shared = result;
                }
            }
        }
        return result;
    }

    private static GhlRequestSchemas load() {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                .formatAssertionsEnabled(true)
                .locale(Locale.ROOT)
                .build();
        Map<String, Schema> schemas = new LinkedHashMap<>();
        for (String operation : OPERATIONS) {
            JsonNode json = read(FOLDER + operation + ".json");
            schemas.put(operation, new Schema(operation, json, factory.getSchema(json, config)));
        }
        return new GhlRequestSchemas(schemas);
    }

    /** The raw schema document of a class-path resource, for tests and tools. */
    public static JsonNode read(String resource) {
        try (InputStream in = GhlRequestSchemas.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing class-path resource " + resource);
            }
            return Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    public Optional<Schema> forOperation(String operationId) {
        return Optional.ofNullable(schemas.get(operationId));
    }

    public Set<String> operations() {
        return schemas.keySet();
    }

    /** The request schema of one GHL operation. */
    public static final class Schema {

        private final String operation;
        private final JsonNode document;
        private final JsonSchema compiled;
        private final Set<String> properties;
        private final Set<String> required;

        Schema(String operation, JsonNode document, JsonSchema compiled) {
            this.operation = operation;
            this.document = document;
            this.compiled = compiled;
            this.properties = new LinkedHashSet<>();
            document.path("properties").fieldNames().forEachRemaining(properties::add);
            this.required = new LinkedHashSet<>();
            document.path("required").forEach(name -> required.add(name.asText()));
        }

        public String operation() {
            return operation;
        }

        public JsonNode document() {
            return document;
        }

        /** The top-level properties a payload may have. */
        public Set<String> properties() {
            return properties;
        }

        public Set<String> required() {
            return required;
        }

        /** Validates a payload; the errors name the target path and, when known, the source path that fed it. */
        public List<MappingError> validate(JsonNode payload) {
            List<MappingError> errors = new java.util.ArrayList<>();
            validate(payload, new RecordScope(payload, MappingContext.empty()), List.of(), errors);
            return errors;
        }

        void validate(JsonNode payload, RecordScope scope, List<String> customFieldKeys, List<MappingError> errors) {
            Set<ValidationMessage> messages = compiled.validate(payload);
            if (messages.isEmpty()) {
                return;
            }
            messages.stream()
                    .sorted(Comparator.comparing((ValidationMessage m) -> m.getInstanceLocation().toString())
                            .thenComparing(ValidationMessage::getMessage))
                    .forEach(message -> {
                        String target = target(message, payload);
                        errors.add(new MappingError(readable(target, customFieldKeys), scope.sourceOf(target), "schema",
                                operation + " request: " + reason(message)));
                    });
        }

        private static String target(ValidationMessage message, JsonNode payload) {
            StringBuilder path = new StringBuilder();
            JsonNodePath location = message.getInstanceLocation();
            for (int i = 0; i < location.getNameCount(); i++) {
                Object element = location.getElement(i);
                if (element instanceof Integer index) {
                    path.append('[').append(index).append(']');
                } else {
                    path.append(path.length() == 0 ? "" : ".").append(element);
                }
            }
            String property = message.getProperty();
            if (property != null && ("required".equals(message.getType()) || "additionalProperties".equals(message.getType()))) {
                path.append(path.length() == 0 ? "" : ".").append(property);
            }
            return path.toString();
        }

        /** {@code customFields[1].field_value} reads better as {@code customFields.lead_status.field_value}. */
        private static String readable(String target, List<String> customFieldKeys) {
            if (target.startsWith("customFields[")) {
                int close = target.indexOf(']');
                int index = Integer.parseInt(target.substring("customFields[".length(), close));
                if (index < customFieldKeys.size() && !customFieldKeys.get(index).isEmpty()) {
                    return "customFields." + customFieldKeys.get(index) + target.substring(close + 1);
                }
            }
            return target;
        }

        private static String reason(ValidationMessage message) {
            String text = message.getMessage();
            String location = message.getInstanceLocation().toString();
            if (text.startsWith(location + ": ")) {
                text = text.substring(location.length() + 2);
            }
            return text;
        }

        @Override
        public String toString() {
            return "request schema of " + operation;
        }
    }
}
