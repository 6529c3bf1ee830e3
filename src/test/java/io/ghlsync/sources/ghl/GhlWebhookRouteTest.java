package io.ghlsync.sources.ghl;

import io.ghlsync.Settings;
import io.ghlsync.operations.EngineTestSupport;
import io.ghlsync.sandbox.ghl.WebhookSigner;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped route at POST /webhooks/ghl, in the engine as camel-main assembles it, over real HTTP: an event signed by
 * either GHL scheme is stored once and answered 202; every kind of bad request of issue 6 (wrong signature, missing
 * header, stale timestamp, repeated webhookId, malformed JSON, oversized, wrong content type) is a 4xx with a reason and
 * stores nothing.
 */
class GhlWebhookRouteTest extends EngineTestSupport {

    /** The keys GHL would sign with; the engine trusts their public halves. */
    private static final WebhookSigner GHL = new WebhookSigner();

    @Override
    protected Settings settings() {
        return super.settings().override("ghl.webhook.public-key", GHL.rsaPublicKeyPem())
                .override("ghl.webhook.ed25519-key", GHL.ed25519PublicKeyPem());
    }

    static String event(String webhookId, Instant timestamp) {
        return "{\"type\":\"NoteCreate\",\"locationId\":\"sandbox-location\",\"id\":\"note-1\",\"body\":\"Llamar el lunes\","
                + "\"contactId\":\"contact-7\",\"dateAdded\":\"2026-01-01T10:00:00.000Z\",\"timestamp\":\"" + timestamp
                + "\",\"webhookId\":\"" + webhookId + "\"}";
    }

    Answer post(String contentType, byte[] body, Map<String, String> headers) {
        return post("/webhooks/ghl", contentType, body, headers);
    }

    static Map<String, String> ed25519(WebhookSigner signer, byte[] body) {
        return Map.of(GhlWebhookVerifier.ED25519_HEADER, signer.sign(body).ed25519());
    }

    static Map<String, String> rsa(WebhookSigner signer, byte[] body) {
        return Map.of(GhlWebhookVerifier.RSA_HEADER, signer.sign(body).rsa());
    }

    static Map<String, String> both(WebhookSigner signer, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>(ed25519(signer, body));
        headers.putAll(rsa(signer, body));
        return headers;
    }

    Answer signed(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return post("application/json", bytes, both(GHL, bytes));
    }

    long stored() {
        return count("SELECT COUNT(*) FROM inbox WHERE source_system = 'ghl'");
    }

    long stored(String webhookId, String orderingKey) {
        return count("SELECT COUNT(*) FROM inbox WHERE source_system = 'ghl' AND event_id = ? AND ordering_key = ?",
                webhookId, orderingKey);
    }

    @Test
    void eitherSignatureSchemeAloneIsAccepted() {
        byte[] first = event("wh-ed", Instant.now()).getBytes(StandardCharsets.UTF_8);
        Answer ed = post("application/json", first, ed25519(GHL, first));
        assertThat(ed.status()).as("%s", ed.json()).isEqualTo(202);
        byte[] second = event("wh-rsa", Instant.now()).getBytes(StandardCharsets.UTF_8);
        Answer legacy = post("application/json; charset=utf-8", second, rsa(GHL, second));
        assertThat(legacy.status()).as("%s", legacy.json()).isEqualTo(202);
        // a valid Ed25519 signature beside a broken legacy one (the header being retired) still verifies
        byte[] third = event("wh-both", Instant.now()).getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>(ed25519(GHL, third));
        headers.put(GhlWebhookVerifier.RSA_HEADER, "bm90IGEgc2lnbmF0dXJl");
        assertThat(post("application/json", third, headers).status()).isEqualTo(202);

        assertThat(stored()).isEqualTo(3);
        assertThat(stored("wh-ed", "contact-7")).as("ordered by the note's contact").isEqualTo(1);
        assertThat(stored("wh-rsa", "contact-7")).isEqualTo(1);
    }

    @Test
    void badRequestsAreRefusedWithAReasonAndStoreNothing() {
        byte[] good = event("wh-bad", Instant.now()).getBytes(StandardCharsets.UTF_8);
        WebhookSigner stranger = new WebhookSigner();

        assertRefused(post("application/json", good, Map.of()), 401, GhlWebhookVerifier.ED25519_HEADER);
        assertRefused(post("application/json", good, both(stranger, good)), 401, GhlWebhookVerifier.ED25519_HEADER);
        assertRefused(post("application/json", good, rsa(stranger, good)), 401, GhlWebhookVerifier.RSA_HEADER);
        assertRefused(post("application/json", good, Map.of(GhlWebhookVerifier.ED25519_HEADER, "%%% not base64 %%%")), 401,
                GhlWebhookVerifier.ED25519_HEADER);
        byte[] tampered = new String(good, StandardCharsets.UTF_8).replace("lunes", "martes").getBytes(StandardCharsets.UTF_8);
        assertRefused(post("application/json", tampered, both(GHL, good)), 401, GhlWebhookVerifier.ED25519_HEADER);
        assertRefused(post("text/plain", good, both(GHL, good)), 415, "Content-Type");
        assertRefused(post(null, good, both(GHL, good)), 415, "Content-Type");
        assertRefused(signed(event("wh-old", Instant.now().minusSeconds(301))), 400, "timestamp");
        assertRefused(signed(event("wh-future", Instant.now().plusSeconds(301))), 400, "timestamp");
        assertRefused(signed(event("wh-date", Instant.now()).replaceFirst("\"timestamp\":\"[^\"]+\"", "\"timestamp\":\"yesterday\"")),
                400, "timestamp");
        assertRefused(signed("{\"type\": \"NoteCreate\", "), 400, null);
        assertRefused(signed("[1, 2]"), 400, null);
        assertRefused(signed(event("wh-x", Instant.now()).replace("\"webhookId\":\"wh-x\"", "\"webhookId\":\"\"")), 400, "webhookId");
        assertRefused(signed(event("wh-y", Instant.now()).replace(",\"timestamp\"", ",\"stamp\"")), 400, "timestamp");
        assertRefused(signed(event("wh-z", Instant.now()).replace("\"locationId\":\"sandbox-location\",", "")), 400, "locationId");

        byte[] huge = new byte[(1 << 20) + 1];
        Arrays.fill(huge, (byte) ' ');
        System.arraycopy(good, 0, huge, 0, good.length);
        assertRefused(post("application/json", huge, both(GHL, huge)), 413, null);

        assertThat(stored()).isZero();
        // the good one, properly signed, still goes in, once: sent again it is a replay
        assertThat(post("application/json", good, both(GHL, good)).status()).isEqualTo(202);
        assertRefused(post("application/json", good, both(GHL, good)), 409, "webhookId");
        assertRefused(post("application/json", good, ed25519(GHL, good)), 409, "webhookId");
        assertThat(stored()).isEqualTo(1);
    }

    @Test
    void aTaskCreateWithoutContactIsKeptInTheTasksOwnOrder() {
        String task = "{\"type\":\"TaskCreate\",\"locationId\":\"sandbox-location\",\"id\":\"task-42\",\"title\":\"Llamar\","
                + "\"timestamp\":\"" + Instant.now() + "\",\"webhookId\":\"wh-task\"}";
        assertThat(signed(task).status()).isEqualTo(202);
        assertThat(stored("wh-task", "task:task-42")).isEqualTo(1);
        String contact = "{\"type\":\"ContactTagUpdate\",\"locationId\":\"sandbox-location\",\"id\":\"contact-9\","
                + "\"tags\":[\"vip\"],\"timestamp\":\"" + Instant.now() + "\",\"webhookId\":\"wh-tags\"}";
        assertThat(signed(contact).status()).isEqualTo(202);
        assertThat(stored("wh-tags", "contact-9")).as("a contact event is ordered by its own id").isEqualTo(1);
        String nothing = "{\"type\":\"TaskCreate\",\"locationId\":\"sandbox-location\",\"timestamp\":\"" + Instant.now()
                + "\",\"webhookId\":\"wh-empty\"}";
        assertRefused(signed(nothing), 400, "contactId");
        assertThat(stored()).isEqualTo(2);
    }
}
