package io.ghlsync.mapping;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A broken mapping file is refused at load time with its file, line and reason. */
class MappingLoaderTest {

    private static final String HEADER = """
            mapping: broken
            description: test
            source: test
            target: test
            """;

    private static MappingLoadException problem(String body) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(
                () -> new MappingLoader(GhlRequestSchemas.shared()).compile(Path.of("mappings/broken.yaml"), HEADER + body));
        assertThat(thrown).as("the file should be refused").isInstanceOf(MappingLoadException.class);
        return (MappingLoadException) thrown;
    }

    @Test
    void yamlSyntaxErrorNamesTheLine() {
        MappingLoadException e = problem("""
                fields:
                  email: {from: email
                  phone: phone
                """);
        assertThat(e.file()).isEqualTo(Path.of("mappings/broken.yaml"));
        assertThat(e.line()).isBetween(6, 8);
        assertThat(e.getMessage()).startsWith("mappings/broken.yaml:" + e.line() + ": not valid YAML");
        assertThat(e.getMessage()).doesNotContain("\n");
    }

    @Test
    void unknownKeyInAFieldRule() {
        MappingLoadException e = problem("""
                fields:
                  email:
                    form: email
                """);
        assertThat(e.line()).isEqualTo(7);
        assertThat(e.reason()).startsWith("unknown key 'form' in a field rule; known keys: allowed, collect,");
    }

    @Test
    void unknownTransformAndBadArguments() {
        assertThat(problem("""
                fields:
                  email:
                    from: email
                    transforms: [trim, lowercase]
                """).reason()).startsWith("unknown transform 'lowercase'; known: add, date, default, email, join");
        MappingLoadException region = problem("""
                fields:
                  phone:
                    from: phone
                    transforms:
                      - trim
                      - phone: {region: NO}
                """);
        assertThat(region.line()).isEqualTo(10);
        assertThat(region.reason()).contains("YAML reads yes/no/on/off/NO as booleans: quote it");
    }

    @Test
    void lookupThatDoesNotExist() {
        MappingLoadException e = problem("""
                lookups:
                  stage: {values: {a: b}}
                fields:
                  s: {from: s, transforms: [{lookup: status}]}
                """);
        assertThat(e.line()).isEqualTo(8);
        assertThat(e.reason()).isEqualTo("no lookup table 'status' in this file's lookups (it has: stage)");
    }

    @Test
    void jsonataThatDoesNotParse() {
        MappingLoadException e = problem("""
                fields:
                  title:
                    expression: "'Note by ' & (author"
                """);
        assertThat(e.line()).isEqualTo(7);
        assertThat(e.reason()).startsWith("the JSONata expression does not parse");
    }

    @Test
    void targetFieldTheGhlOperationDoesNotHave() {
        MappingLoadException e = problem("""
                operation: upsert-contact
                fields:
                  locationId: $context.locationId
                  fistName: name
                """);
        assertThat(e.line()).isEqualTo(8);
        assertThat(e.reason()).startsWith("'fistName' is not a field of the upsert-contact request (it has: locationId, firstName, lastName");
    }

    @Test
    void fieldTheGhlOperationRequiresIsNotWritten() {
        MappingLoadException e = problem("""
                operation: create-task
                fields:
                  title: title
                  completed: {value: false}
                """);
        assertThat(e.reason()).isEqualTo("the create-task request requires 'dueDate', but no field rule writes it");
    }

    @Test
    void unknownOperation() {
        assertThat(problem("operation: upsert-contacts\nfields:\n  a: b\n").reason())
                .startsWith("no request schema for GHL operation 'upsert-contacts'; known: upsert-contact,");
    }

    @Test
    void duplicateKeyAndNameMismatchAndOverlap() {
        MappingLoadException duplicate = problem("fields:\n  email: email\n  email: mail\n");
        assertThat(duplicate.line()).isEqualTo(7);
        assertThat(duplicate.reason()).isEqualTo("the key 'email' appears twice (first on line 6)");

        Throwable renamed = org.assertj.core.api.Assertions.catchThrowable(() -> new MappingLoader(GhlRequestSchemas.shared())
                .compile(Path.of("other.yaml"), HEADER + "fields:\n  a: b\n"));
        assertThat(renamed).hasMessage("other.yaml:1: the mapping is named 'broken' but its file is other.yaml; name and file must match (other)");

        assertThat(problem("fields:\n  address: a\n  address.city: c\n").reason()).isEqualTo("target 'address.city' overlaps target 'address'");
    }

    @Test
    void fieldRuleNeedsExactlyOneSource() {
        assertThat(problem("fields:\n  a: {from: x, value: 1}\n").reason())
                .isEqualTo("a field rule needs exactly one of from, collect, value, expression (it has from, value)");
        assertThat(problem("fields:\n  a: {required: true}\n").reason())
                .isEqualTo("a field rule needs exactly one of from, collect, value, expression");
        assertThat(problem("fields:\n  a: 42\n").reason()).contains("for a constant write {value: ...}");
    }

    @Test
    void badSettings() {
        assertThat(problem("settings: {zone: Buenos Aires}\nfields:\n  a: b\n").reason())
                .startsWith("'Buenos Aires' is not a time zone");
        assertThat(problem("settings: {datePatterns: ['dd/MM/yyyy {{']}\nfields:\n  a: b\n").reason())
                .startsWith("'dd/MM/yyyy {{' is not a date pattern");
        assertThat(problem("settings: {maxStringLength: -1}\nfields:\n  a: b\n").reason()).isEqualTo("must be a positive whole number");
    }

    @Test
    void emptyOrNonUtf8Files(@TempDir Path dir) throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.yaml"), "");
        assertThatThrownBy(() -> new MappingLoader(GhlRequestSchemas.shared()).load(empty)).hasMessageEndingWith(":1: the file is empty");
        Path latin1 = Files.write(dir.resolve("latin1.yaml"), "mapping: latin1\ndescription: caf\u00e9".getBytes("ISO-8859-1"));
        assertThatThrownBy(() -> new MappingLoader(GhlRequestSchemas.shared()).load(latin1)).hasMessageEndingWith(":1: the file is not UTF-8 text");
    }

    @Test
    void everyShippedMappingLoads() throws Exception {
        try (var files = Files.newDirectoryStream(Fixtures.MAPPINGS, "*.yaml")) {
            int count = 0;
            for (Path file : files) {
                Mapping mapping = new MappingLoader(GhlRequestSchemas.shared()).load(file);
                assertThat(mapping.header().description()).isNotBlank();
                assertThat(mapping.header().guarantees()).as(file + " says what it guarantees").isNotEmpty();
                count++;
            }
            assertThat(count).isGreaterThanOrEqualTo(6);
        }
    }
}
