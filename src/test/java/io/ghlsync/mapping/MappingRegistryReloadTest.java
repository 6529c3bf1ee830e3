package io.ghlsync.mapping;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import static io.ghlsync.mapping.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mapping files are reloaded when they change; a broken file is reported with file, line and reason while the last
 * good version stays in use (or the mapping is unavailable if it never loaded), and other mappings are unaffected.
 */
class MappingRegistryReloadTest {

    @TempDir
    Path dir;

    private final AtomicLong clock = new AtomicLong();

    private static String mappingText(String name, String source) {
        return "mapping: " + name + "\ndescription: test\nsource: test\ntarget: test\nfields:\n  source:\n    value: " + source + "\n";
    }

    private Path write(String name, String text, int secondsLater) throws IOException {
        Path file = Files.writeString(dir.resolve(name + ".yaml"), text);
        // file systems with coarse timestamps would otherwise hide a quick rewrite
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2024-05-02T12:00:00Z").plusSeconds(secondsLater)));
        return file;
    }

    private MappingRegistry registry() {
        return new MappingRegistry(dir, GhlRequestSchemas.shared(), Duration.ofSeconds(2), clock::get);
    }

    private static String source(MappingRegistry registry, String name) {
        MappingResult result = registry.apply(name, json("{}"), MappingContext.empty());
        assertThat(result.errors()).isEmpty();
        return result.output().get("source").textValue();
    }

    private void advance(Duration duration) {
        clock.addAndGet(duration.toNanos());
    }

    @Test
    void aChangedFileIsPickedUpAfterTheCheckInterval() throws IOException {
        write("a", mappingText("a", "one"), 0);
        MappingRegistry registry = registry();
        assertThat(source(registry, "a")).isEqualTo("one");

        write("a", mappingText("a", "two"), 10);
        assertThat(source(registry, "a")).as("not checked again before the interval").isEqualTo("one");
        advance(Duration.ofSeconds(3));
        assertThat(source(registry, "a")).isEqualTo("two");
    }

    @Test
    void aBrokenEditKeepsTheLastGoodVersionAndIsReportedWithItsLine() throws IOException {
        write("a", mappingText("a", "one"), 0);
        write("b", mappingText("b", "bee"), 0);
        MappingRegistry registry = registry();

        write("a", mappingText("a", "one") + "  phone:\n    from: phone\n    transforms: [phone, spellcheck]\n", 10);
        advance(Duration.ofSeconds(3));

        assertThat(source(registry, "a")).isEqualTo("one");
        assertThat(registry.problem("a")).hasValueSatisfying(problem -> {
            assertThat(problem.file()).isEqualTo(dir.resolve("a.yaml"));
            assertThat(problem.line()).isEqualTo(10);
            assertThat(problem.getMessage()).isEqualTo(dir.resolve("a.yaml") + ":10: unknown transform 'spellcheck'; known: "
                    + "add, date, default, email, join, lookup, lower, phone, remove, split-name, squish, string, tags, title, trim, upper");
        });
        assertThat(registry.problems()).containsOnlyKeys("a");
        assertThat(source(registry, "b")).isEqualTo("bee");

        write("a", mappingText("a", "fixed"), 20);
        advance(Duration.ofSeconds(3));
        assertThat(source(registry, "a")).isEqualTo("fixed");
        assertThat(registry.problems()).isEmpty();
    }

    @Test
    void aFileBrokenFromTheStartMakesOnlyThatMappingUnavailable() throws IOException {
        write("good", mappingText("good", "fine"), 0);
        write("bad", "mapping: bad\ndescription: [unclosed\n", 0);
        MappingRegistry registry = registry();

        assertThat(registry.names()).containsExactly("bad", "good");
        assertThat(source(registry, "good")).isEqualTo("fine");
        MappingResult result = registry.apply("bad", json("{}"), MappingContext.empty());
        assertThat(result.errors()).singleElement().satisfies(error -> {
            assertThat(error.code()).isEqualTo("mapping-unavailable");
            assertThat(error.reason()).startsWith("mapping bad is unavailable: " + dir.resolve("bad.yaml") + ":");
            assertThat(error.reason()).contains("not valid YAML");
        });
    }

    @Test
    void aNewFileIsFoundAndAnUnknownNameIsAnError() throws IOException {
        MappingRegistry registry = registry();
        assertThat(registry.apply("late", json("{}"), MappingContext.empty()).errors())
                .extracting(MappingError::code).containsExactly("unknown-mapping");

        write("late", mappingText("late", "here"), 0);
        advance(Duration.ofSeconds(3));
        assertThat(source(registry, "late")).isEqualTo("here");
    }

    @Test
    void aDeletedFileKeepsTheLoadedVersionAndSaysSo() throws IOException {
        Path file = write("a", mappingText("a", "one"), 0);
        MappingRegistry registry = registry();
        Files.delete(file);
        advance(Duration.ofSeconds(3));
        assertThat(source(registry, "a")).isEqualTo("one");
        assertThat(registry.problem("a")).hasValueSatisfying(p -> assertThat(p.reason()).contains("the file is gone"));
    }

    @Test
    void refreshChecksEverythingAtOnce() throws IOException {
        write("a", mappingText("a", "one"), 0);
        MappingRegistry registry = registry();
        write("a", mappingText("a", "two"), 10);
        registry.refresh();
        assertThat(source(registry, "a")).isEqualTo("two");
    }
}
