package io.ghlsync.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ghlsync.intake.InboxConstants;
import io.ghlsync.intake.WebhookGate;
import io.ghlsync.sandbox.cliengo.CliengoEvents;
import io.ghlsync.sandbox.ghl.WebhookSigner;
import io.ghlsync.sources.cliengo.CliengoWebhookVerifier;
import io.ghlsync.sources.ghl.GhlWebhookKeys;
import io.ghlsync.sources.ghl.GhlWebhookVerifier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Properties of the webhook gates of /webhooks/ghl and /webhooks/cliengo, run as the routes run them (a Camel exchange
 * through the processor): whatever the bytes and headers, a request is either refused with a 4xx and a reason, the
 * route stopped so nothing is stored, or let on unchanged — and only when it is signed and its envelope is sound. The
 * gate never throws.
 */
class WebhookGatePropertyTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DefaultCamelContext CAMEL = new DefaultCamelContext();
    private static final WebhookSigner GHL = new WebhookSigner();
    private static final String CLIENGO_SECRET = "property-secret";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Instant NOW = Instant.now();
    private static final GhlWebhookVerifier GHL_GATE = new GhlWebhookVerifier(
            new GhlWebhookKeys(null, GHL.ed25519PublicKey()), Duration.ofMinutes(5), 1 << 20, Clock.systemUTC());
    private static final CliengoWebhookVerifier CLIENGO_GATE = new CliengoWebhookVerifier(CLIENGO_SECRET, Duration.ofMinutes(5),
            1 << 20, Clock.systemUTC());

    /** What a gate made of one request. */
    record Outcome(boolean admitted, int status, String body) {
    }

    private static Outcome pass(WebhookGate gate, String contentType, byte[] body, String header, String signature) throws Exception {
        Exchange exchange = new DefaultExchange(CAMEL);
        exchange.getMessage().setBody(body);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, contentType);
        if (signature != null) {
            exchange.getMessage().setHeader(header, signature);
        }
        gate.process(exchange);
        Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        return new Outcome(!exchange.isRouteStop(), status == null ? 0 : status, exchange.getMessage().getBody(String.class));
    }

    private static void assertRefusedWithAReason(Outcome outcome) throws Exception {
        assertThat(outcome.admitted()).isFalse();
        assertThat(outcome.status()).isBetween(400, 499);
        assertThat(JSON.readTree(outcome.body()).path("error").asText()).isNotBlank();
    }

    @Provide
    Arbitrary<byte[]> bodies() {
        return Arbitraries.oneOf(Arbitraries.bytes().array(byte[].class).ofMaxSize(300),
                HostileValues.values(3).map(node -> node.toString().getBytes(StandardCharsets.UTF_8)),
                HostileValues.strings().map(s -> s.getBytes(StandardCharsets.UTF_8)));
    }

    @Provide
    Arbitrary<String> contentTypes() {
        return Arbitraries.oneOf(Arbitraries.of("application/json", "application/json; charset=utf-8", "text/plain",
                "application/x-www-form-urlencoded", "application/vnd.ghl+json"), HostileValues.strings());
    }

    @Property(tries = 300)
    void unsignedOrWronglySignedRequestsAreRefusedWithAReason(@ForAll("bodies") byte[] body, @ForAll("contentTypes") String contentType,
            @ForAll("signatures") String signature) throws Exception {
        assertRefusedWithAReason(pass(GHL_GATE, contentType, body, GhlWebhookVerifier.ED25519_HEADER, signature));
        assertRefusedWithAReason(pass(GHL_GATE, contentType, body, GhlWebhookVerifier.RSA_HEADER, signature));
        assertRefusedWithAReason(pass(CLIENGO_GATE, contentType, body, CliengoWebhookVerifier.SIGNATURE_HEADER, signature));
    }

    @Provide
    Arbitrary<String> signatures() {
        return Arbitraries.oneOf(HostileValues.strings(), Arbitraries.bytes().array(byte[].class).ofSize(64)
                .map(b -> java.util.Base64.getEncoder().encodeToString(b)), Arbitraries.just(null));
    }

    /** Counts the outcomes; a property whose tries were all refused would prove nothing about what is admitted. */
    private static void admittedSometimes(boolean admitted) {
        Statistics.label("outcome").collect(admitted ? "admitted" : "refused");
        Statistics.label("outcome").coverage(coverage -> {
            coverage.check("admitted").percentage(p -> p >= 5);
            coverage.check("refused").percentage(p -> p >= 5);
        });
    }

    @Provide
    Arbitrary<JsonNode> ghlEvents() {
        return HostileValues.objects(2, List.of("type", "locationId", "webhookId", "timestamp", "id", "contactId", "appointment"))
                .map(event -> {
                    ObjectNode node = (ObjectNode) event;
                    // half the events get a sound envelope, so the later checks are reached too
                    if (node.size() % 2 == 0) {
                        node.put("timestamp", NOW.toString()).put("webhookId", "wh-" + node.size()).put("locationId", "loc-1")
                                .put("type", "ContactUpdate");
                        if (!node.path("id").isTextual()) {
                            node.put("id", "c-1");
                        }
                    }
                    return node;
                });
    }

    @Property(tries = 400)
    void signedGhlEventsAreAdmittedOnlyWithASoundEnvelopeAndOtherwiseRefusedWithAReason(@ForAll("ghlEvents") JsonNode event)
            throws Exception {
        byte[] body = event.toString().getBytes(StandardCharsets.UTF_8);
        Exchange exchange = new DefaultExchange(CAMEL);
        exchange.getMessage().setBody(body);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setHeader(GhlWebhookVerifier.ED25519_HEADER, GHL.sign(body).ed25519());
        GHL_GATE.process(exchange);
        admittedSometimes(!exchange.isRouteStop());
        if (exchange.isRouteStop()) {
            assertRefusedWithAReason(new Outcome(false, exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class),
                    exchange.getMessage().getBody(String.class)));
            return;
        }
        assertThat(exchange.getMessage().getBody(String.class)).as("let on byte for byte").isEqualTo(new String(body, StandardCharsets.UTF_8));
        assertThat(event.path("webhookId").asText()).matches(ID);
        assertThat(event.path("locationId").asText()).matches(ID);
        assertThat(Instant.parse(event.path("timestamp").asText())).isBetween(NOW.minusSeconds(300), Instant.now().plusSeconds(300));
        String key = exchange.getMessage().getHeader(InboxConstants.ORDERING_KEY, String.class);
        assertThat(key).isNotBlank().doesNotContain("/", "\\", "'", " ");
    }

    @Provide
    Arbitrary<JsonNode> cliengoEvents() {
        return HostileValues.objects(2, List.of("eventId", "type", "occurredAt", "leadId", "lead")).map(event -> {
            ObjectNode node = (ObjectNode) event;
            if (node.size() % 2 == 0) {
                node.put("occurredAt", NOW.toString()).put("type", "lead.updated").put("leadId", "ld-" + node.size());
                if (!node.path("eventId").isTextual()) {
                    node.put("eventId", "ev-1");
                }
            }
            return node;
        });
    }

    @Property(tries = 300)
    void signedCliengoEventsAreAdmittedOnlyWithASoundEnvelope(@ForAll("cliengoEvents") JsonNode event) throws Exception {
        byte[] body = event.toString().getBytes(StandardCharsets.UTF_8);
        Outcome outcome = pass(CLIENGO_GATE, "application/json", body, CliengoWebhookVerifier.SIGNATURE_HEADER,
                CliengoEvents.signature(CLIENGO_SECRET, body));
        admittedSometimes(outcome.admitted());
        if (!outcome.admitted()) {
            assertRefusedWithAReason(outcome);
            return;
        }
        assertThat(outcome.body()).isEqualTo(new String(body, StandardCharsets.UTF_8));
        assertThat(event.path("eventId").asText()).matches(ID);
        assertThat(event.path("leadId").asText()).matches(ID);
    }
}
