package io.ghlsync.sandbox.clientjoy;

import com.fasterxml.jackson.databind.JsonNode;
import io.ghlsync.sandbox.SourceClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The Clientjoy contract (docs/clientjoy-contract.md) over real HTTP: key, paging, upserts by external id, children. */
class ClientjoyApiTest {

    private final SourceClient http = new SourceClient("clientjoy", ClientjoySandbox.DEFAULT_API_KEY) {
    };
    private final ClientjoySandbox clientjoy = http.server.clientjoy();

    @AfterEach
    void stop() {
        http.close();
    }

    @Test
    void everyCallNeedsTheApiKey() {
        assertThat(http.call("GET", "/clientjoy/clients", null, null).status()).isEqualTo(401);
        SourceClient.Answer wrong = http.call("POST", "/clientjoy/clients", "not-the-key", "{\"first_name\":\"x\"}");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json().get("error").asText()).isEqualTo("invalid API key");
        assertThat(clientjoy.clientCount()).isZero();
        assertThat(http.api("GET", "/clients", null).status()).isEqualTo(200);
        assertThat(http.control("GET", "/stats", null).json().get("unauthorized").asInt()).isEqualTo(2);
    }

    @Test
    void upsertByExternalIdCreatesOnceThenUpdatesAndCountsOnlyRealChanges() {
        SourceClient.Answer first = http.api("PUT", "/clients/external/ghl-1", "{\"first_name\":\"Ana\",\"email\":\"ana@example.com\"}");
        assertThat(first.status()).isEqualTo(201);
        assertThat(first.json().get("external_id").asText()).isEqualTo("ghl-1");
        SourceClient.Answer again = http.api("PUT", "/clients/external/ghl-1", "{\"first_name\":\"Ana\",\"email\":\"ana@example.com\"}");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("id")).isEqualTo(first.json().get("id"));
        assertThat(again.json().get("updated_at")).as("nothing changed, no new stamp").isEqualTo(first.json().get("updated_at"));
        SourceClient.Answer changed = http.api("PUT", "/clients/external/ghl-1", "{\"last_name\":\"Gomez\"}");
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.json().get("first_name").asText()).isEqualTo("Ana");
        assertThat(changed.json().get("last_name").asText()).isEqualTo("Gomez");

        JsonNode stats = http.control("GET", "/stats", null).json();
        assertThat(stats.at("/writes/client.created").asInt()).isEqualTo(1);
        assertThat(stats.at("/writes/client.updated").asInt()).isEqualTo(1);
        assertThat(stats.at("/requests/PUT ~1clients~1external~1{externalId}").asInt()).isEqualTo(3);
        assertThat(http.control("GET", "/", null).json().get("clients").asInt()).isEqualTo(1);

        SourceClient.Answer twice = http.api("POST", "/clients", "{\"external_id\":\"ghl-1\",\"first_name\":\"Other\"}");
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.json().get("field").asText()).isEqualTo("external_id");
        assertThat(clientjoy.clientCount()).isEqualTo(1);
    }

    @Test
    void badWritesAre400sNamingTheFieldAndChangeNothing() {
        String id = http.api("POST", "/clients", "{\"first_name\":\"Ana\"}").json().get("id").asText();
        assertThat(http.api("PATCH", "/clients/" + id, "{\"frist_name\":\"x\"}").json().get("field").asText()).isEqualTo("frist_name");
        SourceClient.Answer stage = http.api("PATCH", "/clients/" + id, "{\"first_name\":\"Bea\",\"stage\":\"won\"}");
        assertThat(stage.status()).isEqualTo(400);
        assertThat(stage.json().get("field").asText()).isEqualTo("stage");
        assertThat(http.api("POST", "/clients", "{\"tags\":\"vip\"}").json().get("field").asText()).isEqualTo("tags");
        assertThat(http.api("POST", "/clients", "{not json").status()).isEqualTo(400);
        assertThat(http.api("POST", "/clients/" + id + "/tasks", "{\"description\":\"no title\"}").json().get("field").asText())
                .isEqualTo("title");
        assertThat(http.api("GET", "/clients/nope", null).status()).isEqualTo(404);
        assertThat(clientjoy.clientCount()).isEqualTo(1);
        assertThat(http.api("GET", "/clients/" + id, null).json().get("first_name").asText()).isEqualTo("Ana");
        assertThat(clientjoy.taskCount()).isZero();
    }

    @Test
    void pagingSeesEveryClientOnceAndUpdatedSinceShowsOnlyLaterChanges() {
        for (int i = 0; i < 237; i++) {
            http.api("PUT", "/clients/external/ghl-" + i, "{\"first_name\":\"C" + i + "\"}");
        }
        assertThat(ids(null)).hasSize(237).doesNotHaveDuplicates();
        String mark = http.api("GET", "/clients/external/ghl-236", null).json().get("updated_at").asText();
        http.api("PUT", "/clients/external/ghl-5", "{\"first_name\":\"changed\"}");
        String fiveId = http.api("GET", "/clients/external/ghl-5", null).json().get("id").asText();
        http.api("POST", "/clients/" + fiveId + "/notes", "{\"body\":\"a note touches its client\"}");
        List<String> since = ids(mark);
        assertThat(since).containsExactly(http.api("GET", "/clients/external/ghl-236", null).json().get("id").asText(), fiveId);
        assertThat(http.api("GET", "/clients?updatedSince=yesterday", null).json().get("field").asText()).isEqualTo("updatedSince");
        assertThat(http.api("GET", "/clients?cursor=bogus", null).status()).isEqualTo(400);
        assertThat(http.api("GET", "/clients?limit=101", null).json().get("field").asText()).isEqualTo("limit");
    }

    @Test
    void tasksNotesAndActivitiesUpsertByExternalIdUnderTheirClient() {
        String id = http.api("PUT", "/clients/external/ghl-1", "{\"first_name\":\"Ana\"}").json().get("id").asText();
        SourceClient.Answer task = http.api("PUT", "/clients/" + id + "/tasks/external/t-1",
                "{\"title\":\"Call\",\"due_date\":\"2030-01-02T10:00:00-03:00\"}");
        assertThat(task.status()).isEqualTo(201);
        assertThat(task.json().get("status").asText()).isEqualTo("open");
        assertThat(task.json().has("completed_at")).isFalse();
        SourceClient.Answer done = http.api("PUT", "/clients/" + id + "/tasks/external/t-1", "{\"status\":\"completed\"}");
        assertThat(done.status()).isEqualTo(200);
        assertThat(done.json().get("completed_at").asText()).isNotBlank();
        assertThat(http.api("PATCH", "/clients/" + id + "/tasks/" + task.json().get("id").asText(), "{\"status\":\"open\"}")
                .json().has("completed_at")).isFalse();
        assertThat(http.api("PUT", "/clients/" + id + "/tasks/external/t-1", "{\"status\":\"done\"}").json().get("field").asText())
                .isEqualTo("status");

        assertThat(http.api("PUT", "/clients/" + id + "/notes/external/n-1", "{\"body\":\"Hello\"}").status()).isEqualTo(201);
        assertThat(http.api("PUT", "/clients/" + id + "/notes/external/n-1", "{\"body\":\"Hello\"}").status()).isEqualTo(200);
        SourceClient.Answer meeting = http.api("PUT", "/clients/" + id + "/activities/external/a-1",
                "{\"title\":\"Demo\",\"status\":\"confirmed\",\"starts_at\":\"2030-01-03T15:00:00Z\"}");
        assertThat(meeting.status()).isEqualTo(201);
        assertThat(meeting.json().get("type").asText()).isEqualTo("meeting");

        assertThat(clientjoy.tasks(id)).hasSize(1);
        assertThat(clientjoy.notes(id)).hasSize(1);
        assertThat(clientjoy.activities(id)).hasSize(1);
        assertThat(http.api("GET", "/clients/" + id + "/activities", null).json().get("activities")).hasSize(1);

        assertThat(http.api("DELETE", "/clients/" + id, null).json().get("deleted").asBoolean()).isTrue();
        assertThat(clientjoy.clientCount()).isZero();
        assertThat(clientjoy.taskCount() + clientjoy.noteCount() + clientjoy.activityCount()).isZero();
        assertThat(http.api("GET", "/clients/" + id + "/tasks", null).status()).isEqualTo(404);
    }

    @Test
    void resetForgetsRecordsAndCounts() {
        http.api("PUT", "/clients/external/ghl-1", "{\"first_name\":\"Ana\"}");
        assertThat(http.control("POST", "/reset", null).status()).isEqualTo(200);
        JsonNode overview = http.control("GET", "/", null).json();
        assertThat(overview.get("clients").asInt()).isZero();
        assertThat(http.control("GET", "/stats", null).json().at("/writes/total").asInt()).isZero();
        assertThat(http.control("GET", "/clients/external/ghl-1", null).status()).isEqualTo(404);
    }

    private List<String> ids(String updatedSince) {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        String since = updatedSince == null ? "" : "&updatedSince=" + URLEncoder.encode(updatedSince, StandardCharsets.UTF_8);
        do {
            SourceClient.Answer page = http.api("GET", "/clients?limit=50" + since + (cursor == null ? "" : "&cursor=" + cursor), null);
            assertThat(page.status()).isEqualTo(200);
            page.json().get("clients").forEach(c -> seen.add(c.get("id").asText()));
            cursor = page.json().get("nextCursor").isNull() ? null : page.json().get("nextCursor").asText();
        } while (cursor != null);
        return seen;
    }
}
