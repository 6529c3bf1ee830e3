package io.ghlsync.sources.cliengo;

import io.ghlsync.intake.WebhookRejection;
import io.ghlsync.sandbox.cliengo.CliengoEvents;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The checks the HTTP test cannot reach cheaply: no secret configured, the tolerance edges, settings. */
class CliengoWebhookVerifierTest {

    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private static byte[] event(Instant occurredAt) {
        return ("{\"eventId\":\"ev_1\",\"type\":\"note.added\",\"occurredAt\":\"" + occurredAt + "\",\"leadId\":\"ld_1\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void withoutASecretEveryRequestIsRefused() {
        CliengoWebhookVerifier verifier = new CliengoWebhookVerifier(null, Duration.ofMinutes(5), 1 << 20, CLOCK);
        byte[] body = event(NOW);
        assertThatThrownBy(() -> verifier.verify("application/json", body, CliengoEvents.signature("anything", body)))
                .isInstanceOf(WebhookRejection.class)
                .satisfies(e -> assertThat(((WebhookRejection) e).status()).isEqualTo(401));
    }

    @Test
    void occurredAtWithinTheToleranceEitherWayIsAccepted() {
        CliengoWebhookVerifier verifier = new CliengoWebhookVerifier("s", Duration.ofMinutes(5), 1 << 20, CLOCK);
        for (Instant at : new Instant[] {NOW.minusSeconds(300), NOW.plusSeconds(300)}) {
            byte[] body = event(at);
            assertThat(verifier.verify("application/json", body, CliengoEvents.signature("s", body)))
                    .isEqualTo(new String(body, StandardCharsets.UTF_8));
        }
        byte[] old = event(NOW.minusSeconds(301));
        assertThatThrownBy(() -> verifier.verify("application/json", old, CliengoEvents.signature("s", old)))
                .hasMessageContaining("stale");
        byte[] upper = event(NOW);
        assertThat(verifier.verify("application/json", upper, CliengoEvents.signature("s", upper).toUpperCase().replace("SHA256=", "sha256=")))
                .isNotNull();
    }

    @Test
    void sandboxModeFallsBackToTheSandboxSecretAndOnlyThen() {
        byte[] body = event(Instant.now());
        String sandboxSigned = CliengoEvents.signature("sandbox-cliengo-secret", body);
        CliengoWebhookVerifier sandbox = CliengoWebhookVerifier.from(Map.of("ghlsync.sandbox", "true")::get);
        assertThat(sandbox.verify("application/json", body, sandboxSigned)).isNotNull();
        CliengoWebhookVerifier production = CliengoWebhookVerifier.from(Map.<String, String>of()::get);
        assertThatThrownBy(() -> production.verify("application/json", body, sandboxSigned)).hasMessageContaining("no webhook secret");
    }
}
