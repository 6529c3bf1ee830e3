package io.ghlsync.sources.cliengo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.function.Function;

/**
 * The gate of {@code POST /webhooks/cliengo}, before the inbox stores anything: JSON content type (415), size (413),
 * the {@code X-Cliengo-Signature} HMAC-SHA256 over the raw request bytes, compared in constant time (401; no secret
 * or no header also 401: fail closed), then JSON (400), the envelope's eventId, type and leadId (400) and an
 * {@code occurredAt} within the tolerance either way (400). A refused request is answered here with
 * {@code {"error", "field"?}} and the route stops; an accepted one goes on with the body as the exact text received.
 * Repeated eventIds are not refused here: the inbox answers them 202 with {@code duplicate: true} and stores nothing.
 */
public final class CliengoWebhookVerifier implements Processor {

    public static final String SIGNATURE_HEADER = "X-Cliengo-Signature";
    static final String SANDBOX_SECRET = "sandbox-cliengo-secret";
    private static final Logger LOG = LoggerFactory.getLogger(CliengoWebhookVerifier.class);
    private static final ObjectMapper JSON = new ObjectMapper();

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

    /** A refused request: its status, reason and, where one field is at fault, its name. */
    static final class Rejection extends RuntimeException {
        final int status;
        final String field;

        Rejection(int status, String reason, String field) {
            super(reason, null, false, false);
            this.status = status;
            this.field = field;
        }
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message in = exchange.getMessage();
        try {
            String body = verify(in.getHeader(Exchange.CONTENT_TYPE, String.class), in.getBody(byte[].class),
                    in.getHeader(SIGNATURE_HEADER, String.class));
            in.setBody(body);
        } catch (Rejection e) {
            ObjectNode answer = JSON.createObjectNode().put("error", e.getMessage());
            if (e.field != null) {
                answer.put("field", e.field);
            }
            in.setHeader(Exchange.HTTP_RESPONSE_CODE, e.status);
            in.setHeader(Exchange.CONTENT_TYPE, "application/json");
            in.setBody(JSON.writeValueAsString(answer));
            exchange.setRouteStop(true);
        }
    }

    /** The checks, cheapest and least trusting first; answers the body as text once all of them passed. */
    String verify(String contentType, byte[] raw, String signature) {
        if (!isJson(contentType)) {
            throw new Rejection(415, "Content-Type must be application/json", "Content-Type");
        }
        if (raw == null || raw.length == 0) {
            throw new Rejection(400, "the request has no body", null);
        }
        if (raw.length > maxBytes) {
            throw new Rejection(413, "the body is larger than " + maxBytes + " bytes", null);
        }
        if (secret == null) {
            throw new Rejection(401, "the signature cannot be verified: no webhook secret is configured", SIGNATURE_HEADER);
        }
        if (signature == null || signature.isBlank()) {
            throw new Rejection(401, "missing " + SIGNATURE_HEADER + " header", SIGNATURE_HEADER);
        }
        byte[] given = signature.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected(raw), given)) {
            throw new Rejection(401, "invalid signature", SIGNATURE_HEADER);
        }
        JsonNode event = parse(raw);
        text(event, "eventId");
        text(event, "type");
        text(event, "leadId");
        checkFresh(text(event, "occurredAt"));
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

    /** occurredAt is signed with the body, so it bounds how long a captured request can be replayed. */
    private void checkFresh(String occurredAt) {
        Instant at;
        try {
            at = OffsetDateTime.parse(occurredAt).toInstant();
        } catch (DateTimeParseException e) {
            throw new Rejection(400, "occurredAt must be an ISO-8601 date-time with an offset", "occurredAt");
        }
        Instant now = clock.instant();
        if (at.isBefore(now.minus(tolerance))) {
            throw new Rejection(400, "stale event: occurredAt is more than " + tolerance.toSeconds() + " seconds old", "occurredAt");
        }
        if (at.isAfter(now.plus(tolerance))) {
            throw new Rejection(400, "occurredAt is more than " + tolerance.toSeconds() + " seconds in the future", "occurredAt");
        }
    }

    private static JsonNode parse(byte[] raw) {
        try {
            JsonNode node = JSON.readTree(raw);
            if (node == null || !node.isObject()) {
                throw new Rejection(400, "the body must be a JSON object", null);
            }
            return node;
        } catch (IOException e) {
            throw new Rejection(400, "malformed JSON: " + firstLine(e.getMessage()), null);
        }
    }

    private static String text(JsonNode event, String field) {
        JsonNode value = event.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new Rejection(400, field + " is required (a non-empty string)", field);
        }
        return value.asText();
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String media = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return media.equals("application/json") || (media.startsWith("application/") && media.endsWith("+json"));
    }

    private static String firstLine(String message) {
        return message == null ? "unreadable" : message.lines().findFirst().orElse("unreadable");
    }

    private static long number(Function<String, String> settings, String key, long fallback) {
        String value = settings.apply(key);
        return value == null || value.isBlank() ? fallback : Long.parseLong(value.strip());
    }
}
