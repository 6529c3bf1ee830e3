package io.ghlsync.sources.clientjoy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ghlsync.cli.CommandRun;
import io.ghlsync.operations.CommandCredentials;
import io.ghlsync.sandbox.clientjoy.ClientjoySandbox;
import io.ghlsync.sandbox.ghl.ContactSeeder;
import io.ghlsync.sandbox.ghl.GhlSandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code sync-contact} and {@code backfill} against a running engine: one contact with its task, note and appointment,
 * synced twice (updated, never duplicated, the task's completion following GHL); a followed backfill; no engine.
 */
@ExtendWith(CommandCredentials.class)
class ClientjoyCommandsTest extends ClientjoyEngineTestSupport {

    private static final String LOCATION = GhlSandbox.DEFAULT_LOCATION_ID;

    @Test
    void syncContactCopiesTheContactWithItsTaskNoteAndAppointmentAndASecondSyncUpdatesThem() {
        GhlClient ghl = new GhlClient(sandbox.ghlBaseUrl());
        String contactId = ghl.send("POST", "/contacts/", "{\"locationId\":\"" + LOCATION + "\",\"firstName\":\"Ana\","
                + "\"email\":\"ana@example.com\",\"phone\":\"+12125550142\"}").at("/contact/id").asText();
        String taskId = ghl.send("POST", "/contacts/" + contactId + "/tasks",
                "{\"title\":\"Call Ana\",\"dueDate\":\"2030-01-02T10:00:00Z\",\"completed\":false}").at("/task/id").asText();
        ghl.send("POST", "/contacts/" + contactId + "/notes", "{\"body\":\"Wants the SEO plan\"}");
        ObjectNode appointment = JSON.createObjectNode().put("title", "Demo").put("startTime", "2030-01-03T15:00:00Z")
                .put("endTime", "2030-01-03T15:30:00Z");
        sandbox.ghl().createAppointment(LOCATION, contactId, appointment);

        CommandRun first = CommandRun.of("sync-contact", contactId, "--url", engineUrl());
        assertThat(first.exitCode()).as(first.err()).isZero();
        ClientjoySandbox clientjoy = sandbox.clientjoy();
        JsonNode client = clientjoy.clientByExternalId(contactId);
        assertThat(first.out()).contains(contactId).contains(client.get("id").asText());
        assertThat(client.get("first_name").asText()).isEqualTo("Ana");
        String clientId = client.get("id").asText();
        assertThat(clientjoy.tasks(clientId)).singleElement().satisfies(t -> assertThat(t.get("status").asText()).isEqualTo("open"));
        assertThat(clientjoy.notes(clientId)).singleElement()
                .satisfies(n -> assertThat(n.get("body").asText()).isEqualTo("Wants the SEO plan"));
        assertThat(clientjoy.activities(clientId)).singleElement()
                .satisfies(a -> assertThat(a.get("title").asText()).isEqualTo("Demo"));

        ghl.send("PUT", "/contacts/" + contactId, "{\"firstName\":\"Ana Maria\"}");
        ghl.send("PUT", "/contacts/" + contactId + "/tasks/" + taskId + "/completed", "{\"completed\":true}");
        CommandRun second = CommandRun.of("sync-contact", contactId, "--url", engineUrl());
        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(clientjoy.clientCount()).isEqualTo(1);
        assertThat(clientjoy.clientByExternalId(contactId).get("first_name").asText()).isEqualTo("Ana Maria");
        assertThat(clientjoy.tasks(clientId)).singleElement()
                .satisfies(t -> assertThat(t.get("status").asText()).isEqualTo("completed"));
        assertThat(clientjoy.notes(clientId)).hasSize(1);
        assertThat(clientjoy.activities(clientId)).hasSize(1);
        assertThat(clientjoy.writes("client.created")).isEqualTo(1);
    }

    @Test
    void syncContactOfAnUnknownOrMalformedIdFailsWithTheReasonAndWritesNothing() {
        CommandRun unknown = CommandRun.of("sync-contact", "noSuchContact123", "--url", engineUrl());
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).contains("ghl-sync: sync-contact: HTTP 404").contains("Contact not found");
        CommandRun malformed = CommandRun.of("sync-contact", "a/b", "--url", engineUrl());
        assertThat(malformed.exitCode()).isEqualTo(1);
        assertThat(malformed.err()).contains("HTTP 400").contains("(contactId)");
        assertThat(sandbox.clientjoy().clientCount()).isZero();
    }

    @Test
    void backfillFollowsTheProgressToTheEnd() {
        sandbox.ghl().seed(LOCATION, new ContactSeeder.Plan(120, 0, 0, 0, 0));
        CommandRun run = CommandRun.of("backfill", "--url", engineUrl(), "--interval", "1");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("started the backfill of the location").contains("120 / 120 contacts (100.0%)")
                .endsWith("done: 120 contacts copied to Clientjoy\n");
        assertThat(sandbox.clientjoy().clientCount()).isEqualTo(120);
    }

    @Test
    void backfillWithoutARunningEngineSaysSo() {
        CommandRun run = CommandRun.of("backfill", "--url", "http://127.0.0.1:" + unusedPort());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("ghl-sync: backfill: engine not reachable").contains("start `ghl-sync run`");
    }

    private static String engineUrl() {
        return "http://127.0.0.1:" + port;
    }

    private static int unusedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
