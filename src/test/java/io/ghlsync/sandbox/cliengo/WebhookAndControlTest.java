package io.ghlsync.sandbox.cliengo;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** Every change is posted as a signed event a receiver can verify; the controls refuse bad input with 400. */
class WebhookAndControlTest {

    record Received(byte[] body, String signature, String timestamp) {
    }

    private final CliengoClient http = new CliengoClient();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private HttpServer receiver;

    @AfterEach
    void stop() {
        http.close();
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    private String startReceiver() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            received.add(new Received(exchange.getRequestBody().readAllBytes(),
                    exchange.getRequestHeaders().getFirst("X-Cliengo-Signature"),
                    exchange.getRequestHeaders().getFirst("X-Cliengo-Timestamp")));
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        receiver.start();
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    }

    @Test
    void everyChangeIsASignedEventInTheOrderItHappened() throws Exception {
        assertThat(http.control("PUT", "/webhooks", "{\"url\":\"" + startReceiver() + "\"}").status()).isEqualTo(200);
        String id = http.api("POST", "/leads", "{\"name\":\"João Silva\",\"email\":\"joao@example.com\",\"tags\":[\"web\"]}")
                .json().get("id").asText();
        http.api("PATCH", "/leads/" + id, "{\"addTags\":[\"demo\"]}");
        http.api("PATCH", "/leads/" + id, "{\"ghlContactId\":\"c_1\"}");
        http.api("PATCH", "/leads/" + id, "{\"ghlContactId\":\"c_1\"}"); // unchanged: no event
        String taskId = http.api("POST", "/leads/" + id + "/tasks", "{\"title\":\"Ligar\"}").json().get("id").asText();
        http.api("PATCH", "/leads/" + id + "/tasks/" + taskId, "{\"title\":\"Ligar amanhã\"}");
        http.api("PATCH", "/leads/" + id + "/tasks/" + taskId, "{\"status\":\"completed\"}");
        http.api("POST", "/leads/" + id + "/notes", "{\"content\":\"Interessado\"}");
        http.api("PATCH", "/leads/" + id, "{\"removeTags\":[\"WEB\"]}");

        CliengoClient.await("8 events delivered", Duration.ofSeconds(20), () -> received.size() == 8 && http.cliengo.pendingWebhooks() == 0);
        List<String> types = received.stream().map(r -> json(r.body()).get("type").asText()).toList();
        assertThat(types).containsExactly("lead.created", "tags.added", "lead.updated", "task.created", "task.updated",
                "task.completed", "note.added", "tags.removed");
        long now = Instant.now().getEpochSecond();
        for (Received r : received) {
            assertThat(r.signature()).isEqualTo("sha256=" + hmac("sandbox-cliengo-secret", r.body()));
            assertThat(Long.parseLong(r.timestamp())).isBetween(now - 60, now + 60);
            JsonNode event = json(r.body());
            assertThat(event.get("leadId").asText()).isEqualTo(id);
            assertThat(event.get("eventId").asText()).startsWith("ev_");
            assertThat(Instant.parse(event.get("occurredAt").asText())).isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(60));
        }
        assertThat(json(received.get(0).body()).get("lead").get("email").asText()).isEqualTo("joao@example.com");
        assertThat(json(received.get(1).body()).get("tags").toString()).isEqualTo("[\"demo\"]");
        assertThat(json(received.get(2).body()).get("changed").toString()).isEqualTo("[\"ghlContactId\"]");
        assertThat(json(received.get(7).body()).get("tags").toString()).isEqualTo("[\"web\"]");
        JsonNode deliveries = http.control("GET", "/webhooks/deliveries", null).json();
        assertThat(deliveries).hasSize(8);
        assertThat(deliveries.get(0).get("status").asInt()).isEqualTo(202);
    }

    @Test
    void generatedLeadsArriveAsEventsSignedWithTheConfiguredSecret() throws Exception {
        http.control("PUT", "/webhooks", "{\"url\":\"" + startReceiver() + "\",\"secret\":\"another-secret\"}");
        JsonNode result = http.control("POST", "/leads/generate", "{\"count\":20,\"seed\":3,\"maxNotes\":1,\"maxTasks\":1}").json();
        int expected = 20 + result.get("notes").asInt() + result.get("tasks").asInt();
        CliengoClient.await("every generated event delivered", Duration.ofSeconds(20), () -> received.size() == expected);
        assertThat(received).allMatch(r -> r.signature().equals("sha256=" + hmac("another-secret", r.body())));
    }

    @Test
    void badControlInputIs400AndChangesNothing() {
        assertThat(http.control("POST", "/leads/generate", "{}").json().get("field").asText()).isEqualTo("count");
        assertThat(http.control("POST", "/leads/generate", "{\"count\":0}").status()).isEqualTo(400);
        assertThat(http.control("POST", "/leads/generate", "{\"count\":\"ten\"}").status()).isEqualTo(400);
        assertThat(http.control("POST", "/leads/generate", "{\"count\":5,\"duplicateEmailRate\":2}").status()).isEqualTo(400);
        assertThat(http.control("POST", "/leads/generate", "{\"count\":5,\"maxTags\":-1}").status()).isEqualTo(400);
        assertThat(http.control("POST", "/leads/generate", "[1]").status()).isEqualTo(400);
        assertThat(http.control("PUT", "/webhooks", "{}").json().get("field").asText()).isEqualTo("url");
        assertThat(http.control("PUT", "/webhooks", "{\"url\":\"ftp://x\"}").status()).isEqualTo(400);
        assertThat(http.control("PUT", "/webhooks", "{\"url\":null,\"secret\":\"\"}").status()).isEqualTo(400);
        assertThat(http.control("GET", "/nothing-here", null).status()).isEqualTo(404);
        assertThat(http.cliengo.leadCount()).isZero();

        assertThat(http.control("POST", "/leads/generate", "{\"count\":3}").status()).isEqualTo(201);
        http.api("GET", "/leads", null);
        JsonNode stats = http.control("GET", "/stats", null).json();
        assertThat(stats.get("requests").get("GET /leads").asInt()).isEqualTo(1);
        assertThat(http.control("POST", "/reset", null).status()).isEqualTo(200);
        assertThat(http.cliengo.leadCount()).isZero();
        assertThat(http.control("GET", "/stats", null).json().get("total").asInt()).isZero();
    }

    private static JsonNode json(byte[] body) {
        try {
            return CliengoClient.MAPPER.readTree(body);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String hmac(String secret, byte[] body) throws RuntimeException {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
