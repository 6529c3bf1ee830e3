package io.ghlsync.intake;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The step before {@code to: inbox:<source>} on a webhook route: a source's gate checks a request (content type, size,
 * signature, envelope, freshness) and either lets it on, its body the exact text received, or answers it here with
 * {@code {"error", "field"?}} and the 4xx of its {@link WebhookRejection}, and stops the route so nothing is stored.
 * The checks every source shares live here; each source adds its signature scheme and envelope in {@link #admit}.
 */
public abstract class WebhookGate implements Processor {

    /**
     * Refuses duplicate keys: a body whose {@code webhookId} appears twice would mean one thing to this parser and maybe
     * another to the next one. Jackson's own limits (nesting depth 1000, numbers of 1000 digits) refuse the rest of
     * the hostile shapes as malformed JSON.
     */
    protected static final ObjectMapper JSON = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    /** What an id may look like: no path separators, quotes, spaces or SQL punctuation to smuggle anywhere downstream. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    @Override
    public final void process(Exchange exchange) throws Exception {
        Message in = exchange.getMessage();
        try {
            in.setBody(admit(in));
        } catch (WebhookRejection e) {
            ObjectNode answer = JSON.createObjectNode().put("error", e.getMessage());
            if (e.field() != null) {
                answer.put("field", e.field());
            }
            in.setHeader(Exchange.HTTP_RESPONSE_CODE, e.status());
            in.setHeader(Exchange.CONTENT_TYPE, "application/json");
            in.setBody(JSON.writeValueAsString(answer));
            exchange.setRouteStop(true);
        }
    }

    /** The request's body as text once every check passed (headers may be set for the inbox); else a rejection. */
    protected abstract String admit(Message in);

    /** Content type (415), an empty body (400) and size (413): the checks that cost nothing, before any crypto. */
    protected static void requireJsonBody(String contentType, byte[] raw, int maxBytes) {
        if (!isJson(contentType)) {
            throw new WebhookRejection(415, "Content-Type must be application/json", "Content-Type");
        }
        if (raw == null || raw.length == 0) {
            throw new WebhookRejection(400, "the request has no body", null);
        }
        if (raw.length > maxBytes) {
            throw new WebhookRejection(413, "the body is larger than " + maxBytes + " bytes", null);
        }
    }

    protected static ObjectNode parseObject(byte[] raw) {
        try {
            JsonNode node = JSON.readTree(raw);
            if (node == null || !node.isObject()) {
                throw new WebhookRejection(400, "the body must be a JSON object", null);
            }
            return (ObjectNode) node;
        } catch (IOException e) {
            throw new WebhookRejection(400, "malformed JSON: " + firstLine(e.getMessage()), null);
        }
    }

    protected static String requiredText(JsonNode event, String field) {
        JsonNode value = event.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new WebhookRejection(400, field + " is required (a non-empty string)", field);
        }
        return value.asText();
    }

    /** A required id: a non-empty string of letters, digits, '.', '_', ':' or '-', at most 128 characters. */
    protected static String requiredId(JsonNode event, String field) {
        return checkId(requiredText(event, field), field);
    }

    /** Refuses an id that is not letters, digits, '.', '_', ':' or '-' (at most 128), naming the field. */
    public static String checkId(String id, String field) {
        if (!ID.matcher(id).matches()) {
            throw new WebhookRejection(400, field + " must be 1 to 128 letters, digits, '.', '_', ':' or '-'", field);
        }
        return id;
    }

    /** The signed date-time {@code value} of {@code field} lies within {@code tolerance} of now, either way. */
    protected static void requireFresh(String value, String field, Duration tolerance, Clock clock) {
        Instant at;
        try {
            at = OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new WebhookRejection(400, field + " must be an ISO-8601 date-time with an offset", field);
        }
        Instant now = clock.instant();
        if (at.isBefore(now.minus(tolerance))) {
            throw new WebhookRejection(400, "stale event: " + field + " is more than " + tolerance.toSeconds() + " seconds old", field);
        }
        if (at.isAfter(now.plus(tolerance))) {
            throw new WebhookRejection(400, field + " is more than " + tolerance.toSeconds() + " seconds in the future", field);
        }
    }

    protected static long number(Function<String, String> settings, String key, long fallback) {
        String value = settings.apply(key);
        return value == null || value.isBlank() ? fallback : Long.parseLong(value.strip());
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
}
