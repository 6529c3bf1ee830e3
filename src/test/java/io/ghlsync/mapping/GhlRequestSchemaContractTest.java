package io.ghlsync.mapping;

import io.ghlsync.ghl.GhlSpecExceptions;

import com.fasterxml.jackson.databind.JsonNode;
import io.ghlsync.ghl.GhlSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Our GHL request schemas (src/main/resources/ghl-schemas) agree with the official spec's request schemas in
 * {@code ghl.api.dir}/apps/contacts.json: every property we allow exists there with a type the spec allows, at every
 * depth, and every field the spec requires is required by us — except the named entries in
 * {@link GhlSpecExceptions}.
 */
class GhlRequestSchemaContractTest {

    private static JsonNode spec;
    private static final Set<String> usedExceptions = new HashSet<>();

    @BeforeAll
    static void readSpec() {
        spec = GhlSpec.read(GhlSpec.contacts());
    }

    static Stream<String> operations() {
        return GhlRequestSchemas.OPERATIONS.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operations")
    void ourSchemaAgreesWithTheOfficialRequestSchema(String operationId) {
        JsonNode ours = GhlRequestSchemas.read("/ghl-schemas/" + operationId + ".json");
        JsonNode official = requestSchema(operationId);
        List<String> problems = new ArrayList<>();
        compare(operationId, "", ours, List.of(official), problems);
        assertThat(problems).as("differences from the official %s request schema", operationId).isEmpty();
        assertThat(ours.path("additionalProperties").asBoolean(true)).as("unknown properties refused").isFalse();
    }

    @Test
    void everyNamedExceptionIsStillNeeded() {
        List<String> problems = new ArrayList<>();
        usedExceptions.clear();
        for (String operationId : GhlRequestSchemas.OPERATIONS) {
            compare(operationId, "", GhlRequestSchemas.read("/ghl-schemas/" + operationId + ".json"), List.of(requestSchema(operationId)), problems);
        }
        assertThat(usedExceptions).containsExactlyInAnyOrderElementsOf(GhlSpecExceptions.SCHEMA_NOT_REQUIRED.keySet());
    }

    @Test
    void theOperationListMatchesTheSchemaFolder() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/ghl-schemas"))) {
            assertThat(files.map(f -> f.getFileName().toString().replace(".json", "")))
                    .containsExactlyInAnyOrderElementsOf(GhlRequestSchemas.OPERATIONS);
        }
    }

    @Test
    void theCheckCatchesAWrongTypeAMissingPropertyAndADroppedRequirement() {
        JsonNode official = requestSchema("create-task");
        List<String> problems = new ArrayList<>();
        compare("create-task", "", Fixtures.json("""
                {'type': 'object', 'required': ['title', 'completed'],
                 'properties': {'title': {'type': 'string'}, 'dueDate': {'type': 'integer'}, 'completed': {'type': 'boolean'},
                                'colour': {'type': 'string'}}}"""), List.of(official), problems);
        assertThat(problems).containsExactlyInAnyOrder(
                "create-task /dueDate: type integer, the spec allows [string]",
                "create-task /colour: not in the spec's request schema",
                "create-task : the spec requires 'dueDate', ours does not");
    }

    private static JsonNode requestSchema(String operationId) {
        for (JsonNode methods : spec.path("paths")) {
            for (JsonNode operation : methods) {
                if (operationId.equals(operation.path("operationId").asText())) {
                    JsonNode schema = operation.at("/requestBody/content/application~1json/schema");
                    assertThat(schema.isMissingNode()).as(operationId + " has a JSON request body in the spec").isFalse();
                    return resolve(schema);
                }
            }
        }
        throw new AssertionError("the spec has no operation " + operationId);
    }

    private static JsonNode resolve(JsonNode schema) {
        JsonNode node = schema;
        while (node.has("$ref")) {
            node = spec.at(node.get("$ref").asText().substring(1));
            assertThat(node.isMissingNode()).as("$ref resolves").isFalse();
        }
        return node;
    }

    /** The alternatives a spec schema allows: itself, or each anyOf/oneOf branch, resolved. */
    private static List<JsonNode> alternatives(List<JsonNode> schemas) {
        List<JsonNode> result = new ArrayList<>();
        for (JsonNode schema : schemas) {
            JsonNode resolved = resolve(schema);
            JsonNode branches = resolved.has("anyOf") ? resolved.get("anyOf") : resolved.get("oneOf");
            if (branches != null) {
                branches.forEach(branch -> result.add(resolve(branch)));
            } else {
                result.add(resolved);
            }
        }
        return result;
    }

    private static Set<String> types(JsonNode schema) {
        Set<String> types = new LinkedHashSet<>();
        JsonNode type = schema.get("type");
        if (type == null) {
            if (schema.has("properties")) {
                types.add("object");
            }
        } else if (type.isArray()) {
            type.forEach(t -> types.add(t.asText()));
        } else {
            types.add(type.asText());
        }
        return types;
    }

    private static void compare(String operationId, String path, JsonNode ours, List<JsonNode> officialSchemas, List<String> problems) {
        List<JsonNode> official = alternatives(officialSchemas);
        Set<String> allowed = new LinkedHashSet<>();
        official.forEach(o -> allowed.addAll(types(o)));
        for (String type : types(ours)) {
            if (!allowed.contains(type) && !(type.equals("integer") && allowed.contains("number"))) {
                problems.add(operationId + " " + path + ": type " + type + ", the spec allows " + allowed);
            }
        }
        JsonNode properties = ours.get("properties");
        if (properties != null) {
            properties.properties().forEach(entry -> {
                List<JsonNode> matches = new ArrayList<>();
                official.forEach(o -> {
                    JsonNode property = o.path("properties").get(entry.getKey());
                    if (property != null) {
                        matches.add(property);
                    }
                });
                if (matches.isEmpty()) {
                    problems.add(operationId + " " + path + "/" + entry.getKey() + ": not in the spec's request schema");
                } else {
                    compare(operationId, path + "/" + entry.getKey(), entry.getValue(), matches, problems);
                }
            });
            Set<String> ourRequired = new HashSet<>();
            ours.path("required").forEach(r -> ourRequired.add(r.asText()));
            for (JsonNode alternative : official) {
                for (JsonNode required : alternative.path("required")) {
                    String name = required.asText();
                    String key = operationId + ":" + path + ":required:" + name;
                    if (!ourRequired.contains(name)) {
                        if (GhlSpecExceptions.SCHEMA_NOT_REQUIRED.containsKey(key)) {
                            usedExceptions.add(key);
                        } else {
                            problems.add(operationId + " " + path + ": the spec requires '" + name + "', ours does not");
                        }
                    }
                }
            }
        }
        JsonNode items = ours.get("items");
        if (items != null) {
            List<JsonNode> officialItems = new ArrayList<>();
            official.forEach(o -> {
                if (o.has("items")) {
                    officialItems.add(o.get("items"));
                }
            });
            if (officialItems.isEmpty()) {
                problems.add(operationId + " " + path + ": we allow list items the spec does not describe");
            } else {
                compare(operationId, path + "/items", items, officialItems, problems);
            }
        }
    }
}
