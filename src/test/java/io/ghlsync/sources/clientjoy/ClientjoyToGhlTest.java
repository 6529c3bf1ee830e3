package io.ghlsync.sources.clientjoy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ghlsync.sandbox.clientjoy.ClientjoyEdits.Kind;
import io.ghlsync.sandbox.clientjoy.ClientjoySandbox;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clientjoy edits reach GHL through the engine's poll (real HTTP to both sandboxes), and what the engine writes to GHL
 * does not come back to Clientjoy: the GHL webhooks of its own writes are recognised as echoes.
 */
class ClientjoyToGhlTest extends ClientjoyToGhlTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void eachKindOfClientjoyEditReachesGhlOnceAndComesBackAsNothing() {
        GhlClient ghl = new GhlClient(sandbox.ghlBaseUrl());
        ClientjoySandbox clientjoy = sandbox.clientjoy();
        String contactId = ghl.send("POST", "/contacts/", "{\"locationId\":\"" + LOCATION + "\",\"firstName\":\"Ana\","
                + "\"email\":\"ana.cj@example.com\",\"tags\":[\"ghl-tag\"]}").at("/contact/id").asText();
        await("ContactCreate made the client", WAIT, () -> clientjoy.clientCount() == 1);
        String clientId = clientjoy.clientByExternalId(contactId).get("id").asText();

        clientjoy.edit(Kind.RENAME, clientId, 1);
        String renamed = clientjoy.clientByExternalId(contactId).get("first_name").asText();
        await("the rename reached GHL", WAIT, () -> contact(ghl, contactId).path("firstName").asText().equals(renamed));

        String tag = GhlEventMix.texts(clientjoy.edit(Kind.TAG, clientId, 2).at("/record/tags")).get(1);
        await("the tag was added in GHL, beside GHL's own", WAIT,
                () -> GhlEventMix.texts(contact(ghl, contactId).get("tags")).containsAll(List.of("ghl-tag", tag)));

        String taskTitle = clientjoy.edit(Kind.NEW_TASK, clientId, 3).at("/record/title").asText();
        await("the new task was created in GHL, open", WAIT, () -> tasks(ghl, contactId).size() == 1
                && tasks(ghl, contactId).get(0).path("title").asText().equals(taskTitle)
                && !tasks(ghl, contactId).get(0).path("completed").asBoolean());
        String ghlTaskId = tasks(ghl, contactId).get(0).path("id").asText();
        await("the Clientjoy task was given its GHL id", WAIT,
                () -> clientjoy.tasks(clientId).get(0).path("external_id").asText().equals(ghlTaskId));

        clientjoy.edit(Kind.COMPLETE_TASK, clientId, 4);
        await("the completion reached GHL", WAIT, () -> tasks(ghl, contactId).get(0).path("completed").asBoolean());
        assertThat(sandbox.ghl().ledger().requests(LOCATION, "update-task-completed")).isEqualTo(1);
        clientjoy.edit(Kind.REOPEN_TASK, clientId, 5);
        await("the reopening reached GHL", WAIT, () -> !tasks(ghl, contactId).get(0).path("completed").asBoolean());

        String noteBody = clientjoy.edit(Kind.NOTE, clientId, 6).at("/record/body").asText();
        await("the note was created in GHL", WAIT, () -> notes(ghl, contactId).size() == 1
                && notes(ghl, contactId).get(0).path("body").asText().equals(noteBody));

        ObjectNode created = clientjoy.edit(Kind.NEW_CLIENT, null, 7);
        String newClientId = created.get("clientId").asText();
        String email = created.at("/record/email").asText();
        await("the new client became a GHL contact, whose id the client now holds", WAIT,
                () -> !newContact(ghl, email).isEmpty()
                        && clientjoy.client(newClientId).path("external_id").asText().equals(newContact(ghl, email)));
        JsonNode newContact = contact(ghl, newContact(ghl, email));
        assertThat(GhlEventMix.texts(newContact.get("tags"))).contains("from-clientjoy");
        assertThat(newContact.path("source").asText()).isEqualTo("Clientjoy");

        await("everything applied", WAIT, () -> unfinished() == 0);
        assertThat(deadLetters()).as("%s", deadLetterReasons()).isZero();
        // one client per person, one task and one note each side, nothing duplicated by the echoes
        assertThat(clientjoy.clientCount()).isEqualTo(2);
        assertThat(clientjoy.tasks(clientId)).hasSize(1);
        assertThat(clientjoy.notes(clientId)).hasSize(1);
        assertThat(ghl.contacts()).hasSize(2);
        // the client ContactCreate made, and the one the person created in Clientjoy: none from an echo
        assertThat(clientjoy.writes("client.created")).isEqualTo(2);
    }

    private static JsonNode contact(GhlClient ghl, String id) {
        return ghl.send("GET", "/contacts/" + id, null).get("contact");
    }

    private static List<JsonNode> tasks(GhlClient ghl, String contactId) {
        return list(ghl.send("GET", "/contacts/" + contactId + "/tasks", null).get("tasks"));
    }

    private static List<JsonNode> notes(GhlClient ghl, String contactId) {
        return list(ghl.send("GET", "/contacts/" + contactId + "/notes", null).get("notes"));
    }

    /** The id of the GHL contact with this email, or "" when there is none. */
    private static String newContact(GhlClient ghl, String email) {
        return ghl.contacts().stream().filter(c -> email.equals(c.path("email").asText())).map(c -> c.get("id").asText())
                .findFirst().orElse("");
    }

    private static List<JsonNode> list(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false).toList();
    }
}
