package io.ghlsync.reliability;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.ghlsync.Settings;
import io.ghlsync.ghl.auth.OAuthRefreshCredentials;
import io.ghlsync.sandbox.FaultKind;
import io.ghlsync.sandbox.FaultPlan;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scenario 4 (second half): the location is connected by OAuth, and GHL revokes its installation (the sandbox's
 * {@code tokenRevoked} fault: the access token and every refresh token of the app are forgotten) while leads arrive.
 * <p>
 * Pass criterion: the location is paused: health check {@code ghl-token-sandbox-location} DOWN saying so, the metric
 * {@code ghl_location_paused} 1, one WARN line (without any token); the leads wait in the inbox (the first of them
 * looked at again) without a single GHL call while paused, and none is a dead letter. A refresh token GHL refuses, given on the admin
 * API, is a 422 and changes nothing; after the operator gives a new one (a re-authorization), every lead and its note
 * is in the GHL sandbox once, health is UP again and there is still no dead letter.
 */
class RefreshTokenRevokedTest extends ReliabilityTestSupport {

    static final int LEADS = 20;
    static final String CHECK = "ghl-token-" + LOCATION;

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @Override
    protected Settings settings() {
        return withOAuthLocation(super.settings());
    }

    /**
     * Waiting records are looked at again every second here (30 s as shipped), so the test sees them wait and resume;
     * health and metrics on the application's port.
     */
    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties p = super.useOverridePropertiesWithPropertiesComponent();
        p.setProperty("ghl.paused.recheck-ms", "1000");
        observeOnTheApplicationPort(p);
        return p;
    }

    @AfterEach
    void stopListening() {
        credentialsLogger().detachAppender(log);
    }

    @Test
    void aRevokedRefreshTokenPausesTheLocationUntilANewOneIsGivenAndNothingIsLost() {
        postLeadWithNote("revoked", 0); // the engine holds a token pair and has used it
        await("the first lead reached GHL", Duration.ofSeconds(60), this::settled);
        log.start();
        credentialsLogger().addAppender(log);

        sandbox.faults("ghl").apply(FaultPlan.parse("tokenRevoked=1"));
        for (int i = 1; i <= LEADS; i++) {
            postLeadWithNote("revoked", i);
        }
        await("the location is paused", Duration.ofSeconds(60), () -> "DOWN".equals(check().path("status").asText()));
        sandbox.faults("ghl").clear(); // nothing left to revoke; the engine must not call GHL anyway
        long revoked = sandbox.faults("ghl").injected(FaultKind.TOKEN_REVOKED);
        long callsWhenPaused = sandbox.ghl().ledger().requests(LOCATION);
        // every lead's events are in batches that reached the inbox and wait there (one per lead, or more where a
        // loaded machine split a lead's events); the first was looked at again while paused (new contacts are written
        // one at a time in the order their leads came, so the others wait behind it unclaimed)
        await("the leads wait in the inbox", Duration.ofSeconds(60), () -> count("SELECT COUNT(*) FROM inbox WHERE"
                + " source_system = 'cliengo' AND state IN ('pending', 'processing')") == 0
                && count("SELECT COUNT(*) FROM cliengo_lead_events") == 0
                && count("SELECT COUNT(*) FROM cliengo_lead_events_completed") == 0
                && count("SELECT COUNT(*) FROM inbox WHERE source_system = 'cliengo-batches' AND state = 'pending'") >= LEADS
                && count("SELECT COUNT(*) FROM inbox WHERE source_system = 'cliengo-batches' AND state = 'pending'"
                        + " AND attempts >= 2") >= 1);
        long callsWhilePaused = sandbox.ghl().ledger().requests(LOCATION) - callsWhenPaused;
        JsonNode paused = check();
        String metrics = http("GET", "/observe/metrics").raw().body();
        long deadLettersWhilePaused = deadLetters();
        List<String> warnings = log.list.stream().filter(e -> e.getLevel() == Level.WARN)
                .map(ILoggingEvent::getFormattedMessage).toList();

        Answer refused = resume("rt-not-a-token-ghl-knows");
        boolean pausedAfterRefusal = credentials().paused();
        String newRefreshToken = sandbox.ghl().issueRefreshToken(oauthApp().client().clientId()); // a re-authorization
        Answer resumed = resume(newRefreshToken);
        await("every lead reached GHL after the resume", Duration.ofSeconds(60), this::settled);

        Delivered delivered = delivered("revoked", LEADS + 1);
        long deadLetters = deadLetters();
        JsonNode after = check();
        ScenarioRun.of("4b. refresh token revoked, " + LEADS + " leads wait", revoked + " x token revoked",
                2L * (LEADS + 1)).verify(() -> {
            assertThat(revoked).as("revocations injected").isPositive();
            assertThat(paused.path("message").asText()).as("health says why and how to resume")
                    .contains("is paused").contains("refresh token").contains("admin API");
            assertThat(metrics).contains("ghl_location_paused{location=\"" + LOCATION + "\"} 1.0");
            assertThat(warnings).as("one WARN line, the alert").hasSize(1);
            assertThat(warnings.get(0)).contains("PAUSED").doesNotContain(oauthApp().refreshToken());
            assertThat(callsWhilePaused).as("GHL calls while paused").isZero();
            assertThat(deadLettersWhilePaused).as("dead letters while paused").isZero();
            assertThat(refused.status()).as("a refresh token GHL refuses: %s", refused.raw().body()).isEqualTo(422);
            assertThat(refused.json().path("field").asText()).isEqualTo("refreshToken");
            assertThat(pausedAfterRefusal).as("still paused after the refused token").isTrue();
            assertThat(resumed.status()).as("resumed: %s", resumed.raw().body()).isEqualTo(200);
            assertThat(resumed.raw().body()).doesNotContain(newRefreshToken);
            assertThat(after.path("status").asText()).as("health after the resume").isEqualTo("UP");
            assertThat(deadLetters).as("dead letters").isZero();
            assertThat(delivered.contacts()).as("leads in GHL").isEqualTo(LEADS + 1);
            assertThat(delivered.notes()).as("notes in GHL").isEqualTo(LEADS + 1);
            assertThat(delivered.duplicateNotes()).as("duplicate notes").isZero();
            assertThat(sandbox.ghl().location(LOCATION).contactCount()).as("contacts in GHL").isEqualTo(LEADS + 1);
        }, delivered.contacts() + delivered.notes(), delivered.duplicateNotes(), deadLetters);
    }

    /** The operator's call: POST /admin/ghl/locations/{id}/refresh-token with the new refresh token. */
    private Answer resume(String refreshToken) {
        String basic = Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        return post("/admin/ghl/locations/" + LOCATION + "/refresh-token", "application/json",
                ("{\"refreshToken\": \"" + refreshToken + "\"}").getBytes(StandardCharsets.UTF_8),
                Map.of("Authorization", "Basic " + basic));
    }

    /** The location's check in the engine's health answer, as a monitoring system reads it. */
    private JsonNode check() {
        Answer answer = http("GET", "/observe/health");
        JsonNode health = answer.json();
        if (health == null) {
            throw new AssertionError("/observe/health answered " + answer.status() + ": " + answer.raw().body());
        }
        for (JsonNode check : health.path("checks")) {
            if (CHECK.equals(check.path("name").asText())) {
                return check;
            }
        }
        throw new AssertionError("no health check " + CHECK + " in " + health);
    }

    private OAuthRefreshCredentials credentials() {
        return (OAuthRefreshCredentials) context.getComponent("ghl", io.ghlsync.ghl.GhlComponent.class).location(LOCATION)
                .credentials();
    }

    private static Logger credentialsLogger() {
        return (Logger) LoggerFactory.getLogger(OAuthRefreshCredentials.class);
    }
}
