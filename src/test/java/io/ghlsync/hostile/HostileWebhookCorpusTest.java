package io.ghlsync.hostile;

import io.ghlsync.Settings;
import io.ghlsync.operations.EngineProperties;
import io.ghlsync.operations.EngineTestSupport;
import io.ghlsync.sandbox.ghl.WebhookSigner;
import io.ghlsync.sources.ghl.GhlWebhookVerifier;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fixed hostile corpus of issue 8, properly signed so that it gets past the signature, against both webhook
 * receivers over real HTTP: invalid UTF-8, raw control characters, deeply nested JSON, huge numbers, duplicate keys,
 * a 10 MB body, header injection, path traversal and SQL metacharacters in ids and fields. Each is refused with a 4xx
 * and a reason and stores nothing, or is accepted and stored byte for byte; nothing else is in the inbox afterwards.
 */
class HostileWebhookCorpusTest extends EngineTestSupport {

    private static final WebhookSigner GHL = new WebhookSigner();
    private static final String CLIENGO_SECRET = "corpus-secret";
    private final List<String> accepted = new ArrayList<>();

    @Override
    protected Settings settings() {
        return super.settings().override("ghl.webhook.public-key", GHL.rsaPublicKeyPem())
                .override("ghl.webhook.ed25519-key", GHL.ed25519PublicKeyPem())
                .override("cliengo.webhook-secret", CLIENGO_SECRET);
    }

    @Override
    protected EngineProperties engineProperties() {
        return super.engineProperties()
                // the events stay in the inbox, where the test reads them
                .with("ghl.events.enabled", "false")
                .with("cliengo.to-ghl.enabled", "false");
    }

    /** A GHL ContactUpdate whose firstName is the raw JSON {@code value}, with this webhookId and contact id. */
    static byte[] ghl(String webhookId, String contactId, String value) {
        return ("{\"type\":\"ContactUpdate\",\"locationId\":\"loc-1\",\"id\":\"" + contactId + "\",\"firstName\":" + value
                + ",\"timestamp\":\"" + Instant.now() + "\",\"webhookId\":\"" + webhookId + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    /** A Cliengo lead.updated whose lead name is the raw JSON {@code value}. */
    static byte[] cliengo(String eventId, String leadId, String value) {
        return ("{\"eventId\":\"" + eventId + "\",\"type\":\"lead.updated\",\"occurredAt\":\"" + Instant.now() + "\",\"leadId\":\""
                + leadId + "\",\"lead\":{\"id\":\"" + leadId + "\",\"name\":" + value + "}}").getBytes(StandardCharsets.UTF_8);
    }

    Answer toGhl(byte[] body, Map<String, String> extraHeaders) {
        Map<String, String> headers = new LinkedHashMap<>(extraHeaders);
        WebhookSigner.Signatures signatures = GHL.sign(body);
        headers.put(GhlWebhookVerifier.ED25519_HEADER, signatures.ed25519());
        headers.put(GhlWebhookVerifier.RSA_HEADER, signatures.rsa());
        return post("/webhooks/ghl", "application/json", body, headers);
    }

    Answer toCliengo(byte[] body) {
        return postCliengo(body, CLIENGO_SECRET);
    }

    void isAccepted(Answer answer, byte[] body) {
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(202);
        accepted.add(new String(body, StandardCharsets.UTF_8));
    }

    static byte[] splice(byte[] body, String marker, byte[] replacement) {
        String text = new String(body, StandardCharsets.ISO_8859_1);
        int at = text.indexOf(marker);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(body, 0, at);
        out.writeBytes(replacement);
        out.write(body, at + marker.length(), body.length - at - marker.length());
        return out.toByteArray();
    }

    @Test
    void everyHostileRequestIsRefusedWithAReasonOrStoredExactlyAsSent() {
        // invalid UTF-8 (a lone lead byte) and a raw NUL inside a string: not JSON
        assertRefused(toGhl(splice(ghl("wh-utf8", "c-1", "\"MARK\""), "MARK", new byte[] {'A', (byte) 0xC3, 0x28}), Map.of()), 400, null);
        assertRefused(toCliengo(splice(cliengo("ev-utf8", "ld-1", "\"MARK\""), "MARK", new byte[] {(byte) 0xFF, (byte) 0xFE})), 400, null);
        assertRefused(toGhl(splice(ghl("wh-nul", "c-1", "\"MARK\""), "MARK", new byte[] {'A', 0, 'B'}), Map.of()), 400, null);
        // deeply nested JSON and numbers too long to be numbers
        assertRefused(toGhl(ghl("wh-deep", "c-1", "[".repeat(5000) + "]".repeat(5000)), Map.of()), 400, null);
        assertRefused(toCliengo(cliengo("ev-deep", "ld-1", "{\"a\":".repeat(3000) + "1" + "}".repeat(3000))), 400, null);
        assertRefused(toGhl(ghl("wh-long-number", "c-1", "1" + "0".repeat(5000)), Map.of()), 400, null);
        // duplicate keys: which webhookId would be meant?
        assertRefused(toGhl(ghl("wh-dup", "c-1", "\"Ana\",\"webhookId\":\"wh-other\""), Map.of()), 400, null);
        assertRefused(toCliengo(cliengo("ev-dup", "ld-1", "\"Ana\"},\"leadId\":\"ld-2\",\"x\":{\"y\":1")), 400, null);
        // path traversal and SQL metacharacters in ids
        assertRefused(toGhl(ghl("../../etc/passwd", "c-1", "\"Ana\""), Map.of()), 400, "webhookId");
        assertRefused(toGhl(ghl("wh-path", "..\\\\..\\\\windows", "\"Ana\""), Map.of()), 400, "id");
        assertRefused(toGhl(ghl("x'; DROP TABLE inbox; --", "c-1", "\"Ana\""), Map.of()), 400, "webhookId");
        assertRefused(toCliengo(cliengo("ev-path", "../leads/ld-2", "\"Ana\"")), 400, "leadId");
        assertRefused(toCliengo(cliengo("ev' OR '1'='1", "ld-1", "\"Ana\"")), 400, "eventId");
        // 10 MB: refused by the server before it is buffered, let alone verified
        byte[] huge = new byte[10 * 1024 * 1024];
        Arrays.fill(huge, (byte) ' ');
        byte[] small = ghl("wh-huge", "c-1", "\"Ana\"");
        System.arraycopy(small, 0, huge, 0, small.length);
        Answer tooBig = toGhl(huge, Map.of());
        assertThat(tooBig.status()).isEqualTo(413);
        assertThat(toCliengo(huge).status()).isEqualTo(413);
        // header injection: Camel's own header names sent by the client change nothing
        Answer unsigned = post("/webhooks/ghl", "application/json", small, Map.of("CamelHttpResponseCode", "202"));
        assertRefused(unsigned, 401, GhlWebhookVerifier.ED25519_HEADER);
        assertThat(count("SELECT COUNT(*) FROM inbox")).as("nothing stored by any refusal").isZero();

        byte[] injected = ghl("wh-headers", "c-1", "\"Ana\"");
        isAccepted(toGhl(injected, Map.of("CamelInboxEventId", "injected", "CamelInboxOrderingKey", "injected",
                "CamelInboxEventType", "Injected", "CamelHttpResponseCode", "200")), injected);
        assertThat(count("SELECT COUNT(*) FROM inbox WHERE event_id = 'wh-headers' AND ordering_key = 'c-1'"
                + " AND event_type = 'ContactUpdate'")).isEqualTo(1);
        // SQL metacharacters, traversal and odd Unicode in free text are data: stored exactly as sent
        for (String value : HostileValues.CORPUS) {
            if (value.length() > 5000) {
                continue;
            }
            String json = JSON.getNodeFactory().textNode(value).toString();
            int n = accepted.size();
            byte[] event = ghl("wh-text-" + n, "c-" + n, json);
            isAccepted(toGhl(event, Map.of()), event);
            byte[] lead = cliengo("ev-text-" + n, "ld-" + n, json);
            isAccepted(toCliengo(lead), lead);
        }
        byte[] bigExponent = ghl("wh-exponent", "c-1", "1e999999");
        isAccepted(toGhl(bigExponent, Map.of()), bigExponent);

        List<String> stored = new ArrayList<>();
        query("SELECT payload FROM inbox ORDER BY id", rs -> stored.add(rs.getString(1)));
        assertThat(stored).as("every accepted body, byte for byte, and nothing else").containsExactlyElementsOf(accepted);
    }
}
