package io.ghlsync.ghl;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The component's operation catalog matches apps/contacts.json operation by operation. */
class GhlOperationCatalogTest {

    private final JsonNode spec = GhlSpec.read(GhlSpec.contacts());

    @Test
    void catalogHoldsExactlyTheSpecsOperations() {
        Set<String> inSpec = new HashSet<>();
        forEachOperation((path, method, op) -> inSpec.add(op.get("operationId").asText()));
        Set<String> inCatalog = new HashSet<>();
        for (GhlOperation op : GhlOperation.values()) {
            inCatalog.add(op.operationId());
        }
        assertThat(inSpec).hasSize(32);
        assertThat(inCatalog).isEqualTo(inSpec);
    }

    @Test
    void everyOperationHasTheSpecsMethodPathParametersBodyAndScope() {
        List<String> checked = new ArrayList<>();
        forEachOperation((path, method, op) -> {
            String id = op.get("operationId").asText();
            GhlOperation ours = GhlOperation.byOperationId(id).orElseThrow();
            assertThat(ours.method()).as(id).isEqualTo(method.toUpperCase(Locale.ROOT));
            assertThat(ours.pathTemplate()).as(id).isEqualTo(path);
            assertThat(ours.hasBody()).as(id + " body").isEqualTo(op.has("requestBody"));

            List<String> specPath = new ArrayList<>();
            List<String> specQuery = new ArrayList<>();
            List<String> specRequiredQuery = new ArrayList<>();
            for (JsonNode p : op.path("parameters")) {
                switch (p.path("in").asText()) {
                    case "path" -> specPath.add(p.get("name").asText());
                    case "query" -> {
                        specQuery.add(p.get("name").asText());
                        if (p.path("required").asBoolean()) {
                            specRequiredQuery.add(p.get("name").asText());
                        }
                    }
                    default -> { }
                }
            }
            assertThat(ours.queryParameters()).as(id + " query").containsExactlyInAnyOrderElementsOf(specQuery);
            assertThat(ours.requiredQueryParameters()).as(id + " required query").containsExactlyInAnyOrderElementsOf(specRequiredQuery);

            JsonNode security = op.path("security");
            if (GhlSpecExceptions.CATALOG.containsKey(id)) {
                assertThat(ours.scope()).as(id).isEqualTo(GhlScope.WRITE);
            } else {
                assertThat(ours.pathParameters()).as(id + " path").containsExactlyInAnyOrderElementsOf(specPath);
                assertThat(security.get(0).path("bearer").get(0).asText()).as(id + " scope").isEqualTo(ours.scope().scopeName());
            }
            checked.add(id);
        });
        assertThat(checked).hasSize(32);
    }

    @Test
    void specExceptionsAreStillTrueOfTheSpec() {
        // If GHL fixes its spec, the exception must go: an exception that no longer applies hides nothing but lies.
        forEachOperation((path, method, op) -> {
            String id = op.get("operationId").asText();
            if (GhlSpecExceptions.CATALOG.containsKey(id)) {
                assertThat(op.has("security")).as(id + " still declares no security").isFalse();
            }
            if (id.equals("create-association")) {
                boolean declaresType = false;
                for (JsonNode p : op.path("parameters")) {
                    declaresType |= "type".equals(p.path("name").asText());
                }
                assertThat(declaresType).as("create-association still lacks {type}").isFalse();
            }
        });
    }

    private interface OperationVisitor {
        void visit(String path, String method, JsonNode operation);
    }

    private void forEachOperation(OperationVisitor visitor) {
        Iterator<Map.Entry<String, JsonNode>> paths = spec.get("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields();
            while (methods.hasNext()) {
                Map.Entry<String, JsonNode> method = methods.next();
                if (method.getValue().has("operationId")) {
                    visitor.visit(path.getKey(), method.getKey(), method.getValue());
                }
            }
        }
    }
}
