package io.ghlsync.sources.cliengo;

import io.ghlsync.operations.EngineTestSupport;

import com.fasterxml.jackson.databind.JsonNode;
import io.ghlsync.Settings;
import io.ghlsync.sandbox.cliengo.CliengoEvents;
import io.ghlsync.state.StateDatabase;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped route at POST /webhooks/cliengo, in the engine as camel-main assembles it, over real HTTP: a signed
 * event is stored once and answered 202; every kind of bad request is a 4xx with a reason and stores nothing.
 */
class CliengoWebhookRouteTest extends EngineTestSupport {

    static final String SECRET = "sandbox-cliengo-secret";
    private final HttpClient client = HttpClient.newHttpClient();

    @Override
    protected Settings settings() {
        return super.settings().override("cliengo.webhook-secret", SECRET);
    }

    record Answer(int status, JsonNode json) {
    }

    static String event(String eventId, Instant occurredAt) {
        return "{\"eventId\":\"" + eventId + "\",\"type\":\"lead.created\",\"occurredAt\":\"" + occurredAt + "\","
                + "\"leadId\":\"ld_000001\",\"lead\":{\"id\":\"ld_000001\",\"name\":\"Sofía Díaz\",\"email\":\"sofia@example.com\"}}";
    }

    Answer post(String contentType, byte[] body, String signature) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/cliengo"))
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (signature != null) {
            request.header("X-Cliengo-Signature", signature);
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Answer signed(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return post("application/json", bytes, CliengoEvents.signature(SECRET, bytes));
    }

    long storedEvents() {
        StateDatabase db = context.getRegistry().lookupByNameAndType("stateDatabase", StateDatabase.class);
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM inbox WHERE source_system = 'cliengo'")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
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

        refused(post("application/json", good, null), 401, "X-Cliengo-Signature");
        refused(post("application/json", good, CliengoEvents.signature("wrong-secret", good)), 401, "X-Cliengo-Signature");
        refused(post("application/json", good, signature.replace("sha256=", "sha1=")), 401, "X-Cliengo-Signature");
        byte[] tampered = new String(good, StandardCharsets.UTF_8).replace("Sofía", "Sofia").getBytes(StandardCharsets.UTF_8);
        refused(post("application/json", tampered, signature), 401, "X-Cliengo-Signature");
        refused(post("text/plain", good, signature), 415, "Content-Type");
        refused(post(null, good, signature), 415, "Content-Type");
        refused(signed(event("ev_old", Instant.now().minusSeconds(301))), 400, "occurredAt");
        refused(signed(event("ev_future", Instant.now().plusSeconds(301))), 400, "occurredAt");
        refused(signed("{\"eventId\": \"ev_x\", "), 400, null);
        refused(signed("[1, 2]"), 400, null);
        refused(signed("{\"type\":\"lead.created\",\"occurredAt\":\"" + Instant.now() + "\",\"leadId\":\"ld_1\"}"), 400, "eventId");
        refused(signed("{\"eventId\":\"ev_y\",\"type\":\"lead.created\",\"occurredAt\":\"" + Instant.now() + "\"}"), 400, "leadId");
        refused(signed("{\"eventId\":\"ev_z\",\"type\":\"lead.created\",\"occurredAt\":\"ayer\",\"leadId\":\"ld_1\"}"), 400, "occurredAt");

        byte[] huge = new byte[(1 << 20) + 1];
        Arrays.fill(huge, (byte) ' ');
        System.arraycopy(good, 0, huge, 0, good.length);
        refused(post("application/json", huge, CliengoEvents.signature(SECRET, huge)), 413, null);

        assertThat(storedEvents()).isZero();
        // and the good one, properly signed, still goes in
        assertThat(post("application/json", good, signature).status()).isEqualTo(202);
        assertThat(storedEvents()).isEqualTo(1);
    }

    private static void refused(Answer answer, int status, String field) {
        assertThat(answer.status()).as("%s", answer.json()).isEqualTo(status);
        assertThat(answer.json().get("error").asText()).isNotBlank();
        if (field != null) {
            assertThat(answer.json().get("field").asText()).isEqualTo(field);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
