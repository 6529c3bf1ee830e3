package io.ghlsync.mapping;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.ghlsync.mapping.Fixtures.field;
import static io.ghlsync.mapping.Fixtures.json;
import static io.ghlsync.mapping.Fixtures.map;
import static org.assertj.core.api.Assertions.assertThat;

/** The JSONata escape hatch: parsed once, sees the record and $context, and fails a field (not the route) when it fails. */
class JsonataExpressionTest {

    @Test
    void seesTheRecordAndTheContext() throws Exception {
        Mapping mapping = field("{expression: \"$uppercase(name) & '@' & $context.locationId\"}");
        assertThat(map(mapping, "{'name': 'ana'}").output().get("out").textValue()).isEqualTo("ANA@sandbox-location");
    }

    @Test
    void itsResultGoesThroughTheTransformChainAndChecks() throws Exception {
        Mapping mapping = field("{expression: \"customFields[id = 'cf1'].value\", transforms: [email], required: true}");
        assertThat(map(mapping, "{'customFields': [{'id': 'cf0', 'value': 'x'}, {'id': 'cf1', 'value': ' Ana@Example.com '}]}")
                .output().get("out").textValue()).isEqualTo("ana@example.com");
        assertThat(map(mapping, "{'customFields': []}").errors())
                .containsExactly(new MappingError("out", "expression", "required", "required, but no value"));
    }

    @Test
    void aRuntimeFailureIsAFieldError() throws Exception {
        Mapping mapping = field("{expression: \"$number(amount) * 2\"}");
        MappingResult result = map(mapping, "{'amount': 'a lot'}");
        assertThat(result.errors()).singleElement().satisfies(error -> {
            assertThat(error.target()).isEqualTo("out");
            assertThat(error.code()).isEqualTo("expression");
            assertThat(error.reason()).startsWith("the expression failed: ");
        });
    }

    @Test
    void structuredResultsAreKept() throws Exception {
        Mapping mapping = field("{expression: \"{'full': first & ' ' & last, 'parts': [first, last]}\"}");
        assertThat(map(mapping, "{'first': 'Ana', 'last': 'Gómez'}").output().get("out"))
                .isEqualTo(json("{'full': 'Ana Gómez', 'parts': ['Ana', 'Gómez']}"));
    }

    @Test
    void compiledExpressionsAreSharedSafelyAcrossRecordsAndThreads() throws Exception {
        Mapping mapping = Fixtures.mapping("two", """
                fields:
                  a: {expression: "$string(n) & '-' & $context.locationId"}
                  b: {expression: "n * 10"}
                """);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                results.add(pool.submit(() -> {
                    for (int n = 0; n < 500; n++) {
                        MappingResult result = mapping.apply(json("{'n': " + n + "}"), MappingContext.of("locationId", "L" + (n % 7)));
                        if (!result.output().get("a").textValue().equals(n + "-L" + (n % 7))
                                || result.output().get("b").asInt() != n * 10) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
