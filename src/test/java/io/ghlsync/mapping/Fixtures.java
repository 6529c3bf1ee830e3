package io.ghlsync.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Shared test helpers: JSON literals, inline mapping files, and the shipped mappings folder. */
final class Fixtures {

    static final ObjectMapper JSON = new ObjectMapper();
    /** The shipped mappings, relative to the project folder (surefire's working directory). */
    static final Path MAPPINGS = Path.of("mappings");
    static final MappingContext SANDBOX = MappingContext.of("locationId", "sandbox-location");

    private Fixtures() {
    }

    /** JSON with single quotes for readability in tests: {@code json("{'a': 1}")}. */
    static JsonNode json(String text) {
        try {
            return JSON.readTree(text.replace('\'', '"'));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Compiles an inline mapping file named {@code name}.yaml; the header keys are added when the text has none. */
    static Mapping mapping(String name, String yaml) throws MappingLoadException {
        String text = yaml.contains("mapping:") ? yaml
                : "mapping: " + name + "\ndescription: test\nsource: test\ntarget: test\n" + yaml;
        return new MappingLoader(GhlRequestSchemas.shared()).compile(Path.of(name + ".yaml"), text);
    }

    /** Compiles a mapping with one field {@code out} made by the given rule (YAML, indented under the field). */
    static Mapping field(String rule) throws MappingLoadException {
        return mapping("t", "fields:\n  out:\n" + rule.stripIndent().lines().map(l -> "    " + l).reduce("", (a, b) -> a + b + "\n"));
    }

    static MappingResult map(Mapping mapping, String record) {
        return mapping.apply(json(record), SANDBOX);
    }
}
