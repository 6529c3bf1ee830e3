package io.ghlsync.sources.ghl;

import com.fasterxml.jackson.databind.JsonNode;
import io.ghlsync.intake.InboxConstants;
import io.ghlsync.intake.WebhookGate;
import io.ghlsync.intake.WebhookRejection;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.function.Function;

/**
 * The gate of {@code POST /webhooks/ghl}, before the inbox stores anything: JSON content type (415), size (413), then
 * the signature over the raw request bytes by either GHL scheme — {@code X-GHL-Signature} (Ed25519) or the legacy
 * {@code x-wh-signature} (RSA-SHA256) — failing closed (401) when no header is sent, no key is configured or neither
 * verifies; then JSON (400), the envelope's type, locationId and webhookId (400; ids without path or SQL punctuation), and a {@code timestamp} within the
 * tolerance either way (400). The event's contact becomes the inbox ordering key. Public-key verification involves no
 * secret, so there is nothing for a timing difference to reveal; the JDK's verifiers compare digests in constant time.
 * A repeated webhookId is refused after the inbox, which knows it (routes/ghl-webhooks.camel.yaml).
 */
public final class GhlWebhookVerifier extends WebhookGate {

    public static final String ED25519_HEADER = "X-GHL-Signature";
    public static final String RSA_HEADER = "x-wh-signature";
    private static final Logger LOG = LoggerFactory.getLogger(GhlWebhookVerifier.class);

    private final GhlWebhookKeys keys;
    private final Duration tolerance;
    private final int maxBytes;
    private final Clock clock;

    public GhlWebhookVerifier(GhlWebhookKeys keys, Duration tolerance, int maxBytes, Clock clock) {
        this.keys = keys;
        this.tolerance = tolerance;
        this.maxBytes = maxBytes;
        this.clock = clock;
        if (keys.none()) {
            LOG.warn("no GHL webhook public key is configured: every request to /webhooks/ghl will be refused with 401");
        }
    }

    /** From the settings: the keys (GHL_WEBHOOK_PUBLIC_KEY, GHL_WEBHOOK_ED25519_KEY), the replay window, body size. */
    public static GhlWebhookVerifier from(Function<String, String> settings) {
        return new GhlWebhookVerifier(GhlWebhookKeys.from(settings),
                Duration.ofSeconds(number(settings, "ghl.webhook.max-age-seconds", 300)),
                Math.toIntExact(number(settings, "ghl.webhook.max-body-bytes", 1 << 20)), Clock.systemUTC());
    }

    @Override
    protected String admit(Message in) {
        byte[] raw = in.getBody(byte[].class);
        JsonNode event = verify(in.getHeader(Exchange.CONTENT_TYPE, String.class), raw,
                in.getHeader(ED25519_HEADER, String.class), in.getHeader(RSA_HEADER, String.class));
        in.setHeader(InboxConstants.ORDERING_KEY, GhlEventKey.of(event));
        return new String(raw, StandardCharsets.UTF_8);
    }

    /** The checks, cheapest and least trusting first; answers the parsed event once all of them passed. */
    JsonNode verify(String contentType, byte[] raw, String ed25519Signature, String rsaSignature) {
        requireJsonBody(contentType, raw, maxBytes);
        if (keys.none()) {
            throw new WebhookRejection(401, "the signature cannot be verified: no GHL webhook public key is configured", ED25519_HEADER);
        }
        boolean edSent = ed25519Signature != null && !ed25519Signature.isBlank();
        boolean rsaSent = rsaSignature != null && !rsaSignature.isBlank();
        if (!edSent && !rsaSent) {
            throw new WebhookRejection(401, "missing " + ED25519_HEADER + " (or legacy " + RSA_HEADER + ") header", ED25519_HEADER);
        }
        boolean verified = edSent && keys.ed25519() != null && verifies("Ed25519", keys.ed25519(), raw, ed25519Signature)
                || rsaSent && keys.rsa() != null && verifies("SHA256withRSA", keys.rsa(), raw, rsaSignature);
        if (!verified) {
            throw new WebhookRejection(401, refusal(edSent, rsaSent), edSent ? ED25519_HEADER : RSA_HEADER);
        }
        JsonNode event = parseObject(raw);
        requiredText(event, "type");
        requiredId(event, "locationId");
        requiredId(event, "webhookId");
        // timestamp is signed with the body, so it bounds how long a captured request can be replayed; within that
        // window the inbox's record of webhookIds refuses the replay
        requireFresh(requiredText(event, "timestamp"), "timestamp", tolerance, clock);
        return event;
    }

    /** Why no signature verified: a wrong signature, or one whose key is not configured. */
    private String refusal(boolean edSent, boolean rsaSent) {
        if (edSent && keys.ed25519() == null && !(rsaSent && keys.rsa() != null)) {
            return ED25519_HEADER + " cannot be verified: no Ed25519 key is configured (GHL_WEBHOOK_ED25519_KEY)";
        }
        if (rsaSent && keys.rsa() == null && !(edSent && keys.ed25519() != null)) {
            return RSA_HEADER + " cannot be verified: the RSA scheme is switched off (GHL_WEBHOOK_PUBLIC_KEY=none)";
        }
        return "invalid signature";
    }

    private static boolean verifies(String algorithm, PublicKey key, byte[] raw, String signature) {
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(signature.strip().getBytes(StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(key);
            verifier.update(raw);
            return verifier.verify(decoded);
        } catch (GeneralSecurityException e) {
            // a signature of the wrong length or shape is simply not a valid one
            return false;
        }
    }
}
