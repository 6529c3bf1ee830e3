package io.ghlsync.sources.clientjoy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ghlsync.sandbox.clientjoy.ClientjoySandbox;
import io.ghlsync.sandbox.ghl.GhlSandbox;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 200 GHL changes made through the GHL sandbox's API, each firing one webhook: 40 ContactCreate, 40 ContactUpdate,
 * 30 ContactTagUpdate, 30 TaskCreate, 20 TaskComplete, 20 NoteCreate, 20 ContactDelete; and what Clientjoy must hold
 * once they are applied.
 */
final class GhlEventMix {

    static final int EVENTS = 200;

    final List<String> contacts = new ArrayList<>();
    final Map<String, String> names = new HashMap<>();
    final Map<String, List<String>> tags = new HashMap<>();
    final Map<String, String> openTasks = new HashMap<>();
    final Map<String, String> completedTasks = new HashMap<>();
    final Map<String, String> notes = new HashMap<>();

    /** Makes the 200 changes; {@code label} keeps the emails apart from other tests'. */
    GhlEventMix make(GhlClient ghl, Random random, String label) {
        String location = GhlSandbox.DEFAULT_LOCATION_ID;
        for (int i = 0; i < 40; i++) {                 // 40 ContactCreate
            String id = ghl.send("POST", "/contacts/", "{\"locationId\":\"" + location + "\",\"firstName\":\"Lead " + i
                    + "\",\"email\":\"lead" + i + "." + label + "@example.com\"}").at("/contact/id").asText();
            contacts.add(id);
            names.put(id, "Lead " + i);
        }
        for (String id : contacts) {                   // 40 ContactUpdate
            String name = "Lead " + random.nextInt(1_000_000);
            ghl.send("PUT", "/contacts/" + id, "{\"firstName\":\"" + name + "\"}");
            names.put(id, name);
        }
        for (String id : contacts.subList(0, 30)) {    // 30 ContactTagUpdate
            String tag = "tag-" + random.nextInt(5);
            ghl.send("POST", "/contacts/" + id + "/tags", "{\"tags\":[\"" + tag + "\"]}");
            tags.put(id, List.of(tag));
        }
        for (String id : contacts.subList(5, 35)) {    // 30 TaskCreate, 20 TaskComplete
            String taskId = ghl.send("POST", "/contacts/" + id + "/tasks",
                    "{\"title\":\"Follow up\",\"dueDate\":\"2030-02-01T10:00:00Z\",\"completed\":false}").at("/task/id").asText();
            openTasks.put(id, taskId);
        }
        for (String id : contacts.subList(5, 25)) {
            ghl.send("PUT", "/contacts/" + id + "/tasks/" + openTasks.get(id) + "/completed", "{\"completed\":true}");
            completedTasks.put(id, openTasks.remove(id));
        }
        for (String id : contacts.subList(10, 30)) {   // 20 NoteCreate
            String body = "Note " + random.nextInt(1_000_000);
            ghl.send("POST", "/contacts/" + id + "/notes", "{\"body\":\"" + body + "\"}");
            notes.put(id, body);
        }
        deleted().forEach(id -> ghl.send("DELETE", "/contacts/" + id, null)); // 20 ContactDelete
        return this;
    }

    List<String> deleted() {
        return contacts.subList(20, 40);
    }

    List<String> kept() {
        return contacts.subList(0, 20);
    }

    /** Clientjoy holds exactly the 20 kept contacts, each with its name, tags, task state and note. */
    void assertReflectedIn(ClientjoySandbox clientjoy) {
        assertThat(clientjoy.clientCount()).isEqualTo(20);
        for (String id : kept()) {
            JsonNode client = clientjoy.clientByExternalId(id);
            String clientId = client.get("id").asText();
            assertThat(client.get("first_name").asText()).isEqualTo(names.get(id));
            assertThat(texts(client.get("tags"))).containsExactlyInAnyOrderElementsOf(tags.getOrDefault(id, List.of()));
            List<ObjectNode> tasks = clientjoy.tasks(clientId);
            if (completedTasks.containsKey(id)) {
                assertThat(tasks).singleElement().satisfies(t -> assertThat(t.get("status").asText()).isEqualTo("completed"));
            } else if (openTasks.containsKey(id)) {
                assertThat(tasks).singleElement().satisfies(t -> assertThat(t.get("status").asText()).isEqualTo("open"));
            } else {
                assertThat(tasks).isEmpty();
            }
            assertThat(clientjoy.notes(clientId)).extracting(n -> n.get("body").asText())
                    .containsExactlyElementsOf(notes.containsKey(id) ? List.of(notes.get(id)) : List.of());
        }
    }

    static List<String> texts(JsonNode array) {
        return array == null ? List.of() : StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
