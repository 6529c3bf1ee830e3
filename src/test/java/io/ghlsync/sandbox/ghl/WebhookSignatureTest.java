package io.ghlsync.sandbox.ghl;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static io.ghlsync.sandbox.ghl.SandboxHttp.LOCATION;
import static io.ghlsync.sandbox.ghl.SandboxHttp.obj;
import static org.assertj.core.api.Assertions.assertThat;

/** Every change is posted as a signed webhook; both signatures verify over the raw bytes with the published keys. */
class WebhookSignatureTest extends SandboxTest {

    /** One webhook as the receiver got it. */
    record Received(byte[] body, String rsaSignature, String edSignature) {
        JsonNode json() {
            try {
                return SandboxHttp.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }
    }

    HttpServer receiver;
    final List<Received> received = new CopyOnWriteArrayList<>();
    final AtomicInteger throttleFirst = new AtomicInteger();

    /** After {@link SandboxTest}'s reset: a receiver for the sandbox's webhooks. */
    @BeforeEach
    void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hooks", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (throttleFirst.getAndDecrement() > 0) {
                exchange.sendResponseHeaders(429, -1);
                exchange.close();
                return;
            }
            received.add(new Received(body, exchange.getRequestHeaders().getFirst("x-wh-signature"),
                    exchange.getRequestHeaders().getFirst("X-GHL-Signature")));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        SandboxHttp.Answer set = sandbox.control("PUT", "/webhooks",
                obj("url", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks"));
        assertThat(set.status()).isEqualTo(200);
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    private List<Received> awaitEvents(int count) {
        SandboxHttp.await(count + " webhooks", Duration.ofSeconds(20), () -> received.size() >= count);
        return List.copyOf(received);
    }

    private static Received ofType(List<Received> events, String type) {
        return events.stream().filter(e -> e.json().path("type").asText().equals(type)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " among " + events.stream().map(e -> e.json().path("type").asText()).toList()));
    }

    @Test
    void bothSignaturesVerifyOverTheRawBodyWithThePublishedKeys() throws Exception {
        JsonNode keys = sandbox.control("GET", "/webhooks/keys", null).json();
        assertThat(keys.get("rsa").asText()).startsWith("-----BEGIN PUBLIC KEY-----");
        assertThat(keys.get("ed25519").asText()).startsWith("-----BEGIN PUBLIC KEY-----");
        PublicKey rsa = publicKey("RSA", keys.get("rsa").asText());
        PublicKey ed = publicKey("Ed25519", keys.get("ed25519").asText());

        String id = sandbox.createContact(Map.of("firstName", "Hook", "email", "hook@example.com", "tags", List.of("t1")));
        Received event = awaitEvents(1).get(0);
        assertThat(verify("SHA256withRSA", rsa, event.body(), event.rsaSignature())).isTrue();
        assertThat(verify("Ed25519", ed, event.body(), event.edSignature())).isTrue();

        byte[] tampered = event.body().clone();
        tampered[tampered.length - 2] ^= 1;
        assertThat(verify("SHA256withRSA", rsa, tampered, event.rsaSignature())).isFalse();
        assertThat(verify("Ed25519", ed, tampered, event.edSignature())).isFalse();

        JsonNode json = event.json();
        assertThat(json.get("type").asText()).isEqualTo("ContactCreate");
        assertThat(json.get("locationId").asText()).isEqualTo(LOCATION);
        assertThat(json.get("id").asText()).isEqualTo(id);
        assertThat(json.get("email").asText()).isEqualTo("hook@example.com");
        assertThat(json.get("tags").get(0).asText()).isEqualTo("t1");
        assertThat(Instant.parse(json.get("timestamp").asText())).isBefore(Instant.now().plusSeconds(1));
        assertThat(json.get("webhookId").asText()).isNotBlank();
    }

    @Test
    void eachKindOfChangeFiresItsEventWithAUniqueWebhookId() {
        String id = sandbox.createContact(Map.of("email", "life@example.com"));
        sandbox.put("/contacts/" + id, obj("firstName", "Changed"));
        sandbox.post("/contacts/" + id + "/tags", obj("tags", List.of("new-tag")));
        sandbox.put("/contacts/" + id, obj("dnd", true));
        String taskId = sandbox.post("/contacts/" + id + "/tasks", obj("title", "Call", "dueDate", "2030-01-01T10:00:00Z",
                "completed", false)).json().at("/task/id").asText();
        sandbox.put("/contacts/" + id + "/tasks/" + taskId + "/completed", obj("completed", true));
        sandbox.delete("/contacts/" + id + "/tasks/" + taskId, null);
        String noteId = sandbox.post("/contacts/" + id + "/notes", obj("body", "hello")).json().at("/note/id").asText();
        sandbox.put("/contacts/" + id + "/notes/" + noteId, obj("body", "hello again"));
        sandbox.delete("/contacts/" + id + "/notes/" + noteId, null);
        String appointmentId = sandbox.control("POST", "/locations/" + LOCATION + "/appointments", obj("contactId", id,
                "startTime", "2030-01-02T10:00:00Z", "endTime", "2030-01-02T10:30:00Z")).json().get("id").asText();
        sandbox.control("PUT", "/locations/" + LOCATION + "/appointments/" + appointmentId, obj("title", "Moved"));
        sandbox.control("DELETE", "/locations/" + LOCATION + "/appointments/" + appointmentId, null);
        sandbox.delete("/contacts/" + id, null);

        List<String> expected = List.of("ContactCreate", "ContactUpdate", "ContactTagUpdate", "ContactDndUpdate", "TaskCreate",
                "TaskComplete", "TaskDelete", "NoteCreate", "NoteUpdate", "NoteDelete", "AppointmentCreate", "AppointmentUpdate",
                "AppointmentDelete", "ContactDelete");
        // the dnd change is a field change too, so it also fires a ContactUpdate
        List<Received> events = awaitEvents(expected.size() + 1);
        Set<String> types = new HashSet<>();
        Set<String> webhookIds = new HashSet<>();
        events.forEach(e -> {
            types.add(e.json().get("type").asText());
            webhookIds.add(e.json().get("webhookId").asText());
        });
        assertThat(types).containsAll(expected);
        assertThat(webhookIds).hasSize(events.size());

        JsonNode task = ofType(events, "TaskCreate").json();
        assertThat(task.get("contactId").asText()).isEqualTo(id);
        assertThat(task.get("title").asText()).isEqualTo("Call");
        assertThat(task.get("dueDate").asText()).isEqualTo("2030-01-01T10:00:00.000Z");
        JsonNode note = ofType(events, "NoteCreate").json();
        assertThat(note.get("body").asText()).isEqualTo("hello");
        JsonNode appointment = ofType(events, "AppointmentCreate").json();
        assertThat(appointment.at("/appointment/contactId").asText()).isEqualTo(id);
        assertThat(appointment.at("/appointment/startTime").asText()).isEqualTo("2030-01-02T10:00:00Z");
        JsonNode dnd = ofType(events, "ContactDndUpdate").json();
        assertThat(dnd.get("dnd").asBoolean()).isTrue();

        SandboxHttp.await("delivery records", Duration.ofSeconds(10), () -> sandbox.ghl.webhookDeliveries().size() >= events.size());
        assertThat(sandbox.ghl.webhookDeliveries()).allMatch(WebhookDelivery::delivered);
    }

    @Test
    void aReceiverAnswering429IsRetried() {
        throttleFirst.set(2);
        sandbox.createContact(Map.of("email", "retry@example.com"));
        awaitEvents(1);
        SandboxHttp.await("the delivery record", Duration.ofSeconds(10), () -> !sandbox.ghl.webhookDeliveries().isEmpty());
        WebhookDelivery delivery = sandbox.ghl.webhookDeliveries().get(0);
        assertThat(delivery.delivered()).isTrue();
        assertThat(delivery.attempts()).isEqualTo(3);
    }

    @Test
    void withoutAUrlNothingIsPosted() {
        sandbox.control("PUT", "/webhooks", obj("url", null));
        sandbox.createContact(Map.of("email", "quiet@example.com"));
        // a later, posted event proves the earlier one was not merely slow
        sandbox.control("PUT", "/webhooks", obj("url", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks"));
        sandbox.createContact(Map.of("email", "loud@example.com"));
        List<Received> events = awaitEvents(1);
        assertThat(events).hasSize(1);
        assertThat(events.get(0).json().get("email").asText()).isEqualTo("loud@example.com");
    }

    private static PublicKey publicKey(String algorithm, String pem) throws Exception {
        String base64 = pem.replace("-----BEGIN PUBLIC KEY-----", "").replace("-----END PUBLIC KEY-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }

    private static boolean verify(String algorithm, PublicKey key, byte[] body, String signature) throws Exception {
        Signature verifier = Signature.getInstance(algorithm);
        verifier.initVerify(key);
        verifier.update(body);
        return verifier.verify(Base64.getDecoder().decode(signature));
    }
}
