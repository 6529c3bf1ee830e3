package io.ghlsync.mapping;

import io.ghlsync.GhlSync;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code mapping-test <mapping> <FILE|->}: the mapped JSON and exit 0, or every error with its field path and exit non-zero. */
class MappingTestCommandTest {

    private static final String SAMPLES = "mappings/samples/cliengo-lead-to-ghl-contact/";

    record Run(int exitCode, String out, String err) {
    }

    private static synchronized Run run(String stdin, String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        InputStream oldIn = System.in;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
            int code = GhlSync.execute(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
            System.setIn(oldIn);
        }
    }

    @Test
    void printsTheMappedJsonAndExitsZero() throws Exception {
        Run run = run("", "mapping-test", "cliengo-lead-to-ghl-contact", SAMPLES + "basic.json", "--context", "locationId=sandbox-location");
        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(Fixtures.JSON.readTree(run.out())).isEqualTo(Fixtures.JSON.readTree(Path.of(SAMPLES + "basic.expected.json").toFile()));
    }

    @Test
    void readsTheRecordFromStdinAndTakesContextValues() throws Exception {
        Run run = run("{\"id\": \"ld_1\", \"name\": \"Ana\", \"email\": \"ANA@EXAMPLE.COM\"}",
                "mapping-test", "cliengo-lead-to-ghl-contact", "-", "--context", "locationId=loc-42");
        assertThat(run.exitCode()).isZero();
        assertThat(Fixtures.JSON.readTree(run.out()).get("locationId").textValue()).isEqualTo("loc-42");
        assertThat(Fixtures.JSON.readTree(run.out()).get("email").textValue()).isEqualTo("ana@example.com");
    }

    @Test
    void printsEveryErrorWithItsFieldPathAndExitsNonZero() {
        Run run = run("", "mapping-test", "cliengo-lead-to-ghl-contact", SAMPLES + "wrong-types.json");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out().lines()).hasSize(8).contains(
                "email (from email): expected an email address (text), got an object [type]",
                "customFields.lead_status (from status): unknown value '3' for lookup lead-status (known: new, open, contacted, qualified, won, lost) [lookup]",
                "email or phone: GHL finds and de-duplicates contacts by email or phone; a lead with neither cannot be upserted [rule]");
        assertThat(run.err()).isEqualTo("ghl-sync: mapping cliengo-lead-to-ghl-contact refused the record: 8 errors" + System.lineSeparator());
    }

    @Test
    void unknownMappingIsOneLineOnStderr() {
        Run run = run("", "mapping-test", "cliengo-lead-to-hubspot", SAMPLES + "basic.json");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines()).singleElement().satisfies(line -> assertThat(line)
                .startsWith("ghl-sync: unknown mapping 'cliengo-lead-to-hubspot'; mappings has: cliengo-lead-to-ghl-contact, "));
    }

    @Test
    void unreadableOrInvalidInputIsOneLineOnStderr(@TempDir Path dir) throws Exception {
        Run missing = run("", "mapping-test", "cliengo-lead-to-ghl-contact", dir.resolve("nope.json").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err().lines()).singleElement().satisfies(l -> assertThat(l).startsWith("ghl-sync: record file not found: "));

        Path broken = Files.writeString(dir.resolve("broken.json"), "{\"name\": \"Ana\",\n \"email\": }");
        Run invalid = run("", "mapping-test", "cliengo-lead-to-ghl-contact", broken.toString());
        assertThat(invalid.exitCode()).isEqualTo(2);
        assertThat(invalid.err().lines()).singleElement().satisfies(l -> assertThat(l)
                .startsWith("ghl-sync: the record in " + broken + " is not valid JSON: ").contains("(line 2,"));

        Run array = run("[1, 2]", "mapping-test", "cliengo-lead-to-ghl-contact", "-");
        assertThat(array.exitCode()).isEqualTo(2);
        assertThat(array.err()).isEqualTo("ghl-sync: the record in stdin must be a JSON object" + System.lineSeparator());
    }

    @Test
    void aBrokenMappingFileIsOneLineWithFileAndLine(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("oops.yaml"), "mapping: oops\ndescription: d\nsource: s\ntarget: t\nfields:\n  a: {from: a, transforms: [shout]}\n");
        Run run = run("{}", "mapping-test", "oops", "-", "--mappings-dir", dir.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().lines()).singleElement().satisfies(l -> assertThat(l)
                .startsWith("ghl-sync: mapping oops cannot be used: " + dir.resolve("oops.yaml") + ":6: unknown transform 'shout'"));
    }

    @Test
    void aMissingMappingsFolderIsNamed(@TempDir Path dir) {
        Run run = run("{}", "mapping-test", "x", "-", "--mappings-dir", dir.resolve("absent").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("ghl-sync: mappings folder not found: ");
    }
}
