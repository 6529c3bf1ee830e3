package io.ghlsync.sources.cliengo;

import com.fasterxml.jackson.databind.JsonNode;
import io.ghlsync.intake.WebhookGate;
import io.ghlsync.intake.WebhookRejection;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.function.Function;

/**
 * The gate of {@code POST /webhooks/cliengo}, before the inbox stores anything: JSON content type (415), size (413),
 * the {@code X-Cliengo-Signature} HMAC-SHA256 over the raw request bytes, compared in constant time (401; no secret
 * or no header also 401: fail closed), then JSON (400), the envelope's eventId, type and leadId (400; ids without path or SQL punctuation) and an
 * {@code occurredAt} within the tolerance either way (400). A refused request is answered here with
 * {@code {"error", "field"?}} and the route stops; an accepted one goes on with the body as the exact text received.
 * Repeated eventIds are not refused here: the inbox answers them 202 with {@code duplicate: true} and stores nothing.
 */
public final class CliengoWebhookVerifier extends WebhookGate {

    public static final String SIGNATURE_HEADER = "X-Cliengo-Signature";
    static final String SANDBOX_SECRET = "sandbox-cliengo-secret";
    private static final Logger LOG = LoggerFactory.getLogger(CliengoWebhookVerifier.class);

    private final byte[] secret;
    private final Duration tolerance;
    private final int maxBytes;
    private final Clock clock;

    public CliengoWebhookVerifier(String secret, Duration tolerance, int maxBytes, Clock clock) {
        this.secret = secret == null || secret.isEmpty() ? null : secret.getBytes(StandardCharsets.UTF_8);
        this.tolerance = tolerance;
        this.maxBytes = maxBytes;
        this.clock = clock;
        if (this.secret == null) {
            LOG.warn("CLIENGO_WEBHOOK_SECRET is not set: every request to /webhooks/cliengo will be refused with 401");
        }
    }

    /** From the settings: cliengo.webhook-secret (sandbox mode falls back to the sandbox's), max age and body size. */
    public static CliengoWebhookVerifier from(Function<String, String> settings) {
        String secret = settings.apply("cliengo.webhook-secret");
        if (secret == null && Boolean.parseBoolean(settings.apply("ghlsync.sandbox"))) {
            secret = SANDBOX_SECRET;
        }
        return new CliengoWebhookVerifier(secret, Duration.ofSeconds(number(settings, "cliengo.webhook.max-age-seconds", 300)),
                Math.toIntExact(number(settings, "cliengo.webhook.max-body-bytes", 1 << 20)), Clock.systemUTC());
    }

    @Override
    protected String admit(Message in) {
        return verify(in.getHeader(Exchange.CONTENT_TYPE, String.class), in.getBody(byte[].class),
                in.getHeader(SIGNATURE_HEADER, String.class));
    }

    /** The checks, cheapest and least trusting first; answers the body as text once all of them passed. */
    String verify(String contentType, byte[] raw, String signature) {
        requireJsonBody(contentType, raw, maxBytes);
        if (secret == null) {
            throw new WebhookRejection(401, "the signature cannot be verified: no webhook secret is configured", SIGNATURE_HEADER);
        }
        if (signature == null || signature.isBlank()) {
            throw new WebhookRejection(401, "missing " + SIGNATURE_HEADER + " header", SIGNATURE_HEADER);
        }
        byte[] given = signature.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected(raw), given)) {
            throw new WebhookRejection(401, "invalid signature", SIGNATURE_HEADER);
        }
        JsonNode event = parseObject(raw);
        requiredId(event, "eventId");
        requiredText(event, "type");
        requiredId(event, "leadId");
        // occurredAt is signed with the body, so it bounds how long a captured request can be replayed
        requireFresh(requiredText(event, "occurredAt"), "occurredAt", tolerance, clock);
        return new String(raw, StandardCharsets.UTF_8);
    }

    private byte[] expected(byte[] raw) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return ("sha256=" + HexFormat.of().formatHex(mac.doFinal(raw))).getBytes(StandardCharsets.US_ASCII);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
