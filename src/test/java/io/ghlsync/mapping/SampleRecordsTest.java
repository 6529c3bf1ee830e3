package io.ghlsync.mapping;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every sample record in {@code mappings/samples/<mapping>/} gives exactly its expected output
 * ({@code <case>.expected.json}) or exactly its expected errors ({@code <case>.errors.json}); an optional
 * {@code <case>.context.json} replaces the default context ({@code locationId: sandbox-location}).
 */
class SampleRecordsTest {

    private static final Path SAMPLES = Fixtures.MAPPINGS.resolve("samples");
    private static final MappingRegistry SHIPPED = new MappingRegistry(Fixtures.MAPPINGS, GhlRequestSchemas.shared(), Duration.ofDays(1));

    @TestFactory
    Stream<DynamicTest> everySampleGivesItsExpectedResult() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path dir : list(SAMPLES)) {
            String mapping = dir.getFileName().toString();
            for (Path sample : list(dir)) {
                String file = sample.getFileName().toString();
                if (file.endsWith(".expected.json") || file.endsWith(".errors.json") || file.endsWith(".context.json")) {
                    continue;
                }
                String base = file.substring(0, file.length() - ".json".length());
                tests.add(DynamicTest.dynamicTest(mapping + "/" + base, () -> check(mapping, dir, base)));
            }
        }
        assertThat(tests).hasSizeGreaterThan(30);
        return tests.stream();
    }

    private static void check(String mapping, Path dir, String base) throws IOException {
        Path expected = dir.resolve(base + ".expected.json");
        Path errors = dir.resolve(base + ".errors.json");
        assertThat(Files.exists(expected) ^ Files.exists(errors))
                .as("%s/%s needs exactly one of %s.expected.json and %s.errors.json", mapping, base, base, base).isTrue();
        Path contextFile = dir.resolve(base + ".context.json");
        MappingContext context = Files.exists(contextFile)
                ? MappingContext.of(Fixtures.JSON.readValue(contextFile.toFile(), new TypeReference<Map<String, Object>>() { }))
                : Fixtures.SANDBOX;

        MappingResult result = SHIPPED.apply(mapping, Fixtures.JSON.readTree(dir.resolve(base + ".json").toFile()), context);

        if (Files.exists(expected)) {
            assertThat(result.errors()).as("errors").isEmpty();
            assertThat(result.output()).isEqualTo(Fixtures.JSON.readTree(expected.toFile()));
        } else {
            assertThat(result.isOk()).as("the record should be refused").isFalse();
            List<MappingError> wanted = new ArrayList<>();
            for (JsonNode error : Fixtures.JSON.readTree(errors.toFile())) {
                wanted.add(new MappingError(error.get("target").asText(), error.get("source").isNull() ? null : error.get("source").asText(),
                        error.get("code").asText(), error.get("reason").asText()));
            }
            assertThat(result.errors()).containsExactlyElementsOf(wanted);
        }
    }

    @Test
    void everyShippedMappingHasABasicSampleAndEverySampleFolderAMapping() throws IOException {
        List<String> mappings = new ArrayList<>();
        for (Path file : list(Fixtures.MAPPINGS)) {
            if (file.toString().endsWith(".yaml")) {
                mappings.add(MappingLoader.nameOf(file));
            }
        }
        List<String> folders = list(SAMPLES).stream().map(p -> p.getFileName().toString()).toList();
        assertThat(folders).containsExactlyInAnyOrderElementsOf(mappings);
        for (String mapping : mappings) {
            assertThat(SAMPLES.resolve(mapping).resolve("basic.expected.json")).as(mapping + " has a basic sample that maps").exists();
        }
        assertThat(SHIPPED.problems()).isEmpty();
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }
}
