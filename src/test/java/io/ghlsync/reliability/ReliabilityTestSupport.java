package io.ghlsync.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import io.ghlsync.Settings;
import io.ghlsync.sandbox.ghl.GhlSandbox;
import io.ghlsync.sources.cliengo.CliengoEngineTestSupport;
import io.ghlsync.state.EntityType;
import io.ghlsync.state.Link;
import org.junit.jupiter.api.AfterEach;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine and the sandbox for the reliability scenarios: numbered leads, each posted as a signed Cliengo webhook
 * pair (the lead with a tag, then a note), and what the GHL sandbox holds for them, read through its API.
 */
abstract class ReliabilityTestSupport extends CliengoEngineTestSupport {

    /** These leads are not in the Cliengo sandbox: nothing to write back (CliengoEnrichmentTest covers enrichment). */
    @Override
    protected Settings settings() {
        return super.settings().override("cliengo.enrich.enabled", "false");
    }

    /** The OAuth app installed on the sandbox location for this test class, made once per sandbox. */
    private static GhlSandbox.OAuthInstallation app;
    private static Object installedOn;

    /** The location connected by OAuth instead of the private integration token; the tokens are stored encrypted. */
    static Settings withOAuthLocation(Settings settings) {
        GhlSandbox.OAuthInstallation installed = oauthApp();
        return settings.override("ghl.token", "").override("ghl.client-id", installed.client().clientId())
                .override("ghl.client-secret", installed.client().clientSecret())
                .override("ghl.refresh-token", installed.refreshToken())
                .override("ghlsync.secret-key", "a key that encrypts the stored tokens in this test");
    }

    static synchronized GhlSandbox.OAuthInstallation oauthApp() {
        if (app == null || installedOn != sandbox) {
            app = sandbox.ghl().installLocationApp(LOCATION, GhlSandbox.CONTACT_SCOPES, null);
            installedOn = sandbox;
        }
        return app;
    }

    /** Moves the GHL sandbox's clock on, through its control API. */
    void advanceSandboxClock(Duration by) {
        HttpRequest advance = HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/_sandbox/ghl/clock/advance"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"seconds\": " + by.toSeconds() + "}")).build();
        assertThat(send(advance).statusCode()).as("the sandbox's clock moved on").isLessThan(300);
    }

    /** Each scenario injects its own faults; none outlive it. */
    @AfterEach
    void clearFaults() {
        sandbox.faults("ghl").clear();
    }

    /** The retry policy as shipped in application.properties (ghl.retry.*), instead of the flow tests' short one. */
    static void shippedRetryPolicy(Properties p) {
        Properties shipped = new Properties();
        try (InputStream in = ReliabilityTestSupport.class.getResourceAsStream("/application.properties")) {
            shipped.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        shipped.stringPropertyNames().stream().filter(k -> k.startsWith("ghl.retry."))
                .forEach(k -> p.setProperty(k, shipped.getProperty(k).trim()));
    }

    /** camel-main's management endpoints (/observe/health, /observe/metrics) on the application's port, as in production. */
    static void observeOnTheApplicationPort(Properties p) {
        p.setProperty("camel.management.enabled", "true");
        p.setProperty("camel.management.port", String.valueOf(port));
    }

    static String leadId(String run, int i) {
        return "ld_" + run + "_" + i;
    }

    static String email(String run, int i) {
        return run + "." + i + "@example.com";
    }

    /** The lead's record as Cliengo sends it: a unique email and Buenos Aires mobile number per lead. */
    static String lead(String run, int i) {
        return "{\"id\":\"" + leadId(run, i) + "\",\"name\":\"Lead " + run + " " + i + "\",\"email\":\"" + email(run, i)
                + "\",\"phone\":\"+54911" + (40_000_000 + i) + "\",\"status\":\"new\",\"tags\":[\"" + run
                + "\"]}";
    }

    /** The two webhooks of lead i of this run: the lead, then its note ("note of <lead id>"). */
    static List<String> leadWithNote(String run, int i) {
        String id = leadId(run, i);
        return List.of(event("lead.created", id, "\"lead\":" + lead(run, i)), event("note.added", id,
                "\"note\":{\"id\":\"nt_" + run + "_" + i + "\",\"content\":\"note of " + id + "\"}"));
    }

    /** Posts lead i of this run and its note, each answered 202. */
    void postLeadWithNote(String run, int i) {
        leadWithNote(run, i).forEach(this::post);
    }

    /** What GHL holds of some leads: contacts linked, notes found on them, and notes found more than once. */
    record Delivered(long contacts, long notes, long duplicateNotes) {
    }

    /**
     * Reads, for each lead, its GHL contact (through the engine's link) and the contact's notes from the sandbox's API;
     * a lead counts as delivered with its contact, its note when the note's text is on that contact.
     */
    Delivered delivered(String run, int count) {
        long contacts = 0;
        long notes = 0;
        long duplicates = 0;
        for (int i = 0; i < count; i++) {
            String id = leadId(run, i);
            Optional<Link> link = link(EntityType.CONTACT, id);
            if (link.isEmpty()) {
                continue;
            }
            JsonNode contact = ghl("/contacts/" + link.get().ghlId()).path("contact");
            if (!contact.path("email").asText().equals(email(run, i))) {
                continue;
            }
            contacts++;
            long found = 0;
            for (JsonNode note : ghl("/contacts/" + link.get().ghlId() + "/notes").path("notes")) {
                if (note.path("body").asText().equals("note of " + id)) {
                    found++;
                }
            }
            notes += Math.min(found, 1);
            duplicates += Math.max(0, found - 1);
        }
        return new Delivered(contacts, notes, duplicates);
    }

    /** For each lead of this run whose note is not in GHL once: what the inbox holds for it (printed, to find the cause). */
    void describeMissingNotes(String run, int count) {
        for (int i = 0; i < count; i++) {
            String id = leadId(run, i);
            Optional<Link> link = link(EntityType.CONTACT, id);
            JsonNode notes = link.isEmpty() ? null : ghl("/contacts/" + link.get().ghlId() + "/notes").path("notes");
            if (notes != null && notes.size() == 1) {
                continue;
            }
            System.out.println("lead " + id + ": contact " + link.map(Link::ghlId).orElse("none") + ", notes " + notes);
            query("SELECT id, source_system, event_type, state, attempts, last_error, received_at FROM inbox"
                    + " WHERE ordering_key = ? ORDER BY id", rs -> System.out.println("  inbox " + rs.getLong(1) + " "
                    + rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4) + " attempts " + rs.getInt(5) + " "
                    + rs.getString(6) + " " + rs.getTimestamp(7)), id);
        }
    }

    long deadLetters() {
        return count("SELECT COUNT(*) FROM dead_letter");
    }
}
