package io.ghlsync.sources.clientjoy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ghlsync.sandbox.clientjoy.ClientjoySandbox;
import io.ghlsync.sandbox.ghl.GhlSandbox;
import io.ghlsync.sandbox.ghl.WebhookDelivery;
import io.ghlsync.sandbox.ghl.WebhookSigner;
import io.ghlsync.state.StateDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GHL webhooks applied to Clientjoy, end to end: the GHL sandbox posts its own signed events to the engine's
 * /webhooks/ghl (as in sandbox mode), the engine stores them in its inbox and the ghl-events route writes Clientjoy;
 * every assertion reads the Clientjoy sandbox's stored state.
 */
class GhlEventsToClientjoyTest extends GhlWebhooksTestSupport {

    private static final String LOCATION = GhlSandbox.DEFAULT_LOCATION_ID;
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void eachKindOfEventIsReflectedInClientjoyAndDeletesRemoveTheRecords() {
        GhlClient ghl = new GhlClient(sandbox.ghlBaseUrl());
        ClientjoySandbox clientjoy = sandbox.clientjoy();
        String contactId = ghl.send("POST", "/contacts/", "{\"locationId\":\"" + LOCATION + "\",\"firstName\":\"Ana\","
                + "\"email\":\"ana.events@example.com\"}").at("/contact/id").asText();
        await("ContactCreate made the client", WAIT, () -> clientjoy.clientCount() == 1);
        String clientId = clientjoy.clientByExternalId(contactId).get("id").asText();

        ghl.send("PUT", "/contacts/" + contactId, "{\"firstName\":\"Ana Maria\"}");
        ghl.send("POST", "/contacts/" + contactId + "/tags", "{\"tags\":[\"vip\"]}");
        await("ContactUpdate and ContactTagUpdate changed the client", WAIT, () -> {
            JsonNode client = clientjoy.clientByExternalId(contactId);
            return client.get("first_name").asText().equals("Ana Maria") && texts(client.get("tags")).contains("vip");
        });

        String taskId = ghl.send("POST", "/contacts/" + contactId + "/tasks",
                "{\"title\":\"Call Ana\",\"dueDate\":\"2030-01-02T10:00:00Z\",\"completed\":false}").at("/task/id").asText();
        await("TaskCreate made an open task", WAIT, () -> status(clientjoy.tasks(clientId), "open"));
        ghl.send("PUT", "/contacts/" + contactId + "/tasks/" + taskId + "/completed", "{\"completed\":true}");
        await("TaskComplete completed it", WAIT, () -> status(clientjoy.tasks(clientId), "completed"));

        String noteId = ghl.send("POST", "/contacts/" + contactId + "/notes", "{\"body\":\"Wants SEO\"}").at("/note/id").asText();
        await("NoteCreate made the note", WAIT, () -> body(clientjoy.notes(clientId), "Wants SEO"));
        ghl.send("PUT", "/contacts/" + contactId + "/notes/" + noteId, "{\"body\":\"Wants SEO and ads\"}");
        await("NoteUpdate changed it", WAIT, () -> body(clientjoy.notes(clientId), "Wants SEO and ads"));

        ObjectNode appointment = JSON.createObjectNode().put("title", "Demo").put("startTime", "2030-01-03T15:00:00Z")
                .put("endTime", "2030-01-03T15:30:00Z");
        String appointmentId = sandbox.ghl().createAppointment(LOCATION, contactId, appointment).get("id").asText();
        await("AppointmentCreate made the activity", WAIT, () -> title(clientjoy.activities(clientId), "Demo"));
        sandbox.ghl().updateAppointment(LOCATION, appointmentId, JSON.createObjectNode().put("title", "Demo call"));
        await("AppointmentUpdate changed it", WAIT, () -> title(clientjoy.activities(clientId), "Demo call"));

        sandbox.ghl().deleteAppointment(LOCATION, appointmentId);
        ghl.send("DELETE", "/contacts/" + contactId + "/notes/" + noteId, null);
        ghl.send("DELETE", "/contacts/" + contactId + "/tasks/" + taskId, null);
        await("the deletes removed the activity, note and task and their links", WAIT, () -> clientjoy.activities(clientId).isEmpty()
                && clientjoy.notes(clientId).isEmpty() && clientjoy.tasks(clientId).isEmpty() && links().equals(Map.of("contact", 1)));
        assertThat(clientjoy.clientCount()).isEqualTo(1);

        ghl.send("DELETE", "/contacts/" + contactId, null);
        await("ContactDelete removed the client and its link", WAIT, () -> clientjoy.clientCount() == 0 && links().isEmpty());
        assertThat(clientjoy.writes("client.created")).isEqualTo(1);
        assertThat(sandbox.ghl().webhookDeliveries()).allSatisfy(d -> assertThat(d.status()).as("%s", d).isEqualTo(202));
        assertThat(deadLetters()).isZero();
    }

    @Test
    void twoHundredGeneratedEventsAreReflectedInClientjoyAndAppliedAgainChangeNothing() {
        GhlClient ghl = new GhlClient(sandbox.ghlBaseUrl());
        GhlEventMix mix = new GhlEventMix().make(ghl, new Random(6), "events");

        await("the sandbox delivered 200 webhooks", WAIT, () -> sandbox.ghl().webhookDeliveries().size() >= 200);
        List<WebhookDelivery> deliveries = sandbox.ghl().webhookDeliveries();
        assertThat(deliveries).hasSize(200).allSatisfy(d -> assertThat(d.status()).as("%s", d).isEqualTo(202));
        await("the engine applied all 200", Duration.ofSeconds(120), () -> unfinishedEvents() == 0);
        assertThat(deadLetters()).as("%s", deadLetterReasons()).isZero();
        assertThat(doneEvents()).isEqualTo(200);

        ClientjoySandbox clientjoy = sandbox.clientjoy();
        mix.assertReflectedIn(clientjoy);
        assertThat(links().get("contact")).isEqualTo(20);

        // the same 200 events applied again (as a redelivery would): every record is unchanged, so no Clientjoy write
        clientjoy.resetStats();
        requeueGhlEvents();
        await("the engine applied all 200 again", Duration.ofSeconds(120), () -> unfinishedEvents() == 0);
        assertThat(doneEvents()).isEqualTo(200);
        assertThat(clientjoy.statsJson().at("/writes/total").asLong()).as("%s", clientjoy.statsJson()).isZero();
        assertThat(clientjoy.clientCount()).isEqualTo(20);
    }

    @Test
    void aTaskCreateWithoutContactIdForAnUnknownTaskIsADeadLetterWithItsReasonAndWritesNothing() {
        // GHL sends some TaskCreate events without contactId; the sandbox never does, so this one is signed here
        ObjectNode event = JSON.createObjectNode().put("type", "TaskCreate").put("locationId", LOCATION)
                .put("id", "orphanTask0001").put("title", "Call back").put("dateAdded", Instant.now().toString())
                .put("timestamp", Instant.now().toString()).put("webhookId", "orphan-task-create-1");
        byte[] body = event.toString().getBytes(StandardCharsets.UTF_8);
        WebhookSigner.Signatures signatures = sandbox.ghl().signer().sign(body);
        Answer answer = post("/webhooks/ghl", "application/json", body, Map.of(WebhookSigner.RSA_HEADER, signatures.rsa(),
                WebhookSigner.ED25519_HEADER, signatures.ed25519()));
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(202);

        await("the event was handled", WAIT, () -> unfinishedEvents() == 0 && deadLetters() == 1);
        assertThat(deadLetterReasons()).singleElement().asString()
                .contains("TaskCreate without contactId").contains("orphanTask0001");
        assertThat(sandbox.clientjoy().statsJson().at("/writes/total").asLong()).isZero();
        assertThat(links()).isEmpty();
    }

    /** Puts every stored GHL event back to pending, as if each had been delivered once more. */
    private void requeueGhlEvents() {
        StateDatabase db = context.getRegistry().lookupByNameAndType("stateDatabase", StateDatabase.class);
        try (Connection c = db.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(
                "UPDATE inbox SET state = 'pending', next_attempt_at = NULL WHERE source_system = 'ghl'")) {
            assertThat(s.executeUpdate()).isEqualTo(200);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private long unfinishedEvents() {
        return count("SELECT COUNT(*) FROM inbox WHERE source_system = 'ghl' AND state IN ('pending', 'processing')");
    }

    private long doneEvents() {
        return count("SELECT COUNT(*) FROM inbox WHERE source_system = 'ghl' AND state = 'done'");
    }



    private static List<String> texts(JsonNode array) {
        return array == null ? List.of() : StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    private static boolean status(List<ObjectNode> tasks, String status) {
        return tasks.size() == 1 && tasks.get(0).get("status").asText().equals(status);
    }

    private static boolean body(List<ObjectNode> notes, String body) {
        return notes.size() == 1 && notes.get(0).get("body").asText().equals(body);
    }

    private static boolean title(List<ObjectNode> activities, String title) {
        return activities.size() == 1 && activities.get(0).get("title").asText().equals(title);
    }
}
