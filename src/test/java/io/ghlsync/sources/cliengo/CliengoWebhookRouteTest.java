package io.ghlsync.sources.cliengo;

import io.ghlsync.Settings;
import io.ghlsync.operations.EngineTestSupport;
import io.ghlsync.sandbox.cliengo.CliengoEvents;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped route at POST /webhooks/cliengo, in the engine as camel-main assembles it, over real HTTP: a signed
 * event is stored once and answered 202; every kind of bad request is a 4xx with a reason and stores nothing.
 */
class CliengoWebhookRouteTest extends EngineTestSupport {

    static final String SECRET = "sandbox-cliengo-secret";

    @Override
    protected Settings settings() {
        return super.settings().override("cliengo.webhook-secret", SECRET);
    }

    static String event(String eventId, Instant occurredAt) {
        return "{\"eventId\":\"" + eventId + "\",\"type\":\"lead.created\",\"occurredAt\":\"" + occurredAt + "\","
                + "\"leadId\":\"ld_000001\",\"lead\":{\"id\":\"ld_000001\",\"name\":\"Sofía Díaz\",\"email\":\"sofia@example.com\"}}";
    }

    Answer post(String contentType, byte[] body, String signature) {
        return post("/webhooks/cliengo", contentType, body,
                signature == null ? Map.of() : Map.of(CliengoWebhookVerifier.SIGNATURE_HEADER, signature));
    }

    Answer signed(String body) {
        return postCliengo(body.getBytes(StandardCharsets.UTF_8), SECRET);
    }

    long storedEvents() {
        return count("SELECT COUNT(*) FROM inbox WHERE source_system = 'cliengo'");
    }

    @Test
    void aSignedEventIsStoredOnceHoweverOftenItIsDelivered() {
        String body = event("ev_1", Instant.now());
        Answer first = signed(body);
        assertThat(first.status()).as("%s", first.json()).isEqualTo(202);
        assertThat(first.json().get("duplicate").asBoolean()).isFalse();
        assertThat(signed(body).json().get("duplicate").asBoolean()).isTrue();
        Answer third = signed(body);
        assertThat(third.status()).isEqualTo(202);
        assertThat(third.json().get("duplicate").asBoolean()).isTrue();
        assertThat(storedEvents()).isEqualTo(1);
        // a charset parameter is still JSON
        byte[] other = event("ev_2", Instant.now()).getBytes(StandardCharsets.UTF_8);
        assertThat(post("application/json; charset=utf-8", other, CliengoEvents.signature(SECRET, other)).status()).isEqualTo(202);
        assertThat(storedEvents()).isEqualTo(2);
    }

    @Test
    void badRequestsAreRefusedWithAReasonAndStoreNothing() {
        byte[] good = event("ev_bad", Instant.now()).getBytes(StandardCharsets.UTF_8);
        String signature = CliengoEvents.signature(SECRET, good);

        assertRefused(post("application/json", good, null), 401, "X-Cliengo-Signature");
        assertRefused(post("application/json", good, CliengoEvents.signature("wrong-secret", good)), 401, "X-Cliengo-Signature");
        assertRefused(post("application/json", good, signature.replace("sha256=", "sha1=")), 401, "X-Cliengo-Signature");
        byte[] tampered = new String(good, StandardCharsets.UTF_8).replace("Sofía", "Sofia").getBytes(StandardCharsets.UTF_8);
        assertRefused(post("application/json", tampered, signature), 401, "X-Cliengo-Signature");
        assertRefused(post("text/plain", good, signature), 415, "Content-Type");
        assertRefused(post(null, good, signature), 415, "Content-Type");
        assertRefused(signed(event("ev_old", Instant.now().minusSeconds(301))), 400, "occurredAt");
        assertRefused(signed(event("ev_future", Instant.now().plusSeconds(301))), 400, "occurredAt");
        assertRefused(signed("{\"eventId\": \"ev_x\", "), 400, null);
        assertRefused(signed("[1, 2]"), 400, null);
        assertRefused(signed("{\"type\":\"lead.created\",\"occurredAt\":\"" + Instant.now() + "\",\"leadId\":\"ld_1\"}"), 400, "eventId");
        assertRefused(signed("{\"eventId\":\"ev_y\",\"type\":\"lead.created\",\"occurredAt\":\"" + Instant.now() + "\"}"), 400, "leadId");
        assertRefused(signed("{\"eventId\":\"ev_z\",\"type\":\"lead.created\",\"occurredAt\":\"ayer\",\"leadId\":\"ld_1\"}"), 400, "occurredAt");

        byte[] huge = new byte[(1 << 20) + 1];
        Arrays.fill(huge, (byte) ' ');
        System.arraycopy(good, 0, huge, 0, good.length);
        assertRefused(post("application/json", huge, CliengoEvents.signature(SECRET, huge)), 413, null);

        assertThat(storedEvents()).isZero();
        // and the good one, properly signed, still goes in
        assertThat(post("application/json", good, signature).status()).isEqualTo(202);
        assertThat(storedEvents()).isEqualTo(1);
    }
}
