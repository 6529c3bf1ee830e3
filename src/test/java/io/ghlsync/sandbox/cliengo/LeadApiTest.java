package io.ghlsync.sandbox.cliengo;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The Cliengo contract over real HTTP: API key, paging, the updatedSince filter, leads, tasks, notes and tags. */
class LeadApiTest {

    private final CliengoClient http = new CliengoClient();

    @AfterEach
    void stop() {
        http.close();
    }

    @Test
    void everyCallNeedsTheApiKey() {
        assertThat(http.call("GET", "/cliengo/leads", null, null).status()).isEqualTo(401);
        CliengoClient.Answer wrong = http.call("GET", "/cliengo/leads", "not-the-key", null);
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json().get("error").asText()).isEqualTo("invalid API key");
        assertThat(http.call("POST", "/cliengo/leads", null, "{\"name\":\"x\"}").status()).isEqualTo(401);
        assertThat(http.cliengo.leadCount()).isZero();
        assertThat(http.api("GET", "/leads", null).status()).isEqualTo(200);
        assertThat(http.cliengo.stats().requests("GET /leads")).isEqualTo(3);
        assertThat(http.cliengo.stats().unauthorized()).isEqualTo(3);
    }

    @Test
    void pagingReturnsEveryLeadExactlyOnceInUpdatedOrder() {
        http.cliengo.generate(237, 42);
        List<String> seen = new ArrayList<>();
        String previousUpdatedAt = "";
        String cursor = null;
        int pages = 0;
        do {
            CliengoClient.Answer page = http.api("GET", "/leads?limit=50" + (cursor == null ? "" : "&cursor=" + cursor), null);
            assertThat(page.status()).isEqualTo(200);
            for (JsonNode lead : page.json().get("leads")) {
                seen.add(lead.get("id").asText());
                assertThat(lead.get("updatedAt").asText()).isGreaterThan(previousUpdatedAt);
                previousUpdatedAt = lead.get("updatedAt").asText();
            }
            cursor = page.json().get("nextCursor").isNull() ? null : page.json().get("nextCursor").asText();
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(5);
        assertThat(seen).hasSize(237).doesNotHaveDuplicates();
    }

    @Test
    void updatedSinceReturnsOnlyLeadsChangedFromThatInstant() {
        http.cliengo.generate(30, 7);
        JsonNode all = http.api("GET", "/leads?limit=100", null).json().get("leads");
        String third = all.get(2).get("id").asText();
        String tenth = all.get(9).get("id").asText();
        String since = all.get(29).get("updatedAt").asText();
        assertThat(http.api("PATCH", "/leads/" + third, "{\"status\":\"contacted\"}").status()).isEqualTo(200);
        assertThat(http.api("POST", "/leads/" + tenth + "/notes", "{\"content\":\"Llamó de nuevo\"}").status()).isEqualTo(201);

        JsonNode changed = http.api("GET", "/leads?updatedSince=" + URLEncoder.encode(since, StandardCharsets.UTF_8), null)
                .json().get("leads");
        List<String> ids = new ArrayList<>();
        changed.forEach(l -> ids.add(l.get("id").asText()));
        // inclusive: the last lead read before the changes comes again, then the two changed ones in change order
        assertThat(ids).containsExactly(all.get(29).get("id").asText(), third, tenth);

        assertThat(http.api("GET", "/leads?updatedSince=yesterday", null).json().get("field").asText()).isEqualTo("updatedSince");
        assertThat(http.api("GET", "/leads?limit=101", null).status()).isEqualTo(400);
        assertThat(http.api("GET", "/leads?limit=abc", null).status()).isEqualTo(400);
        assertThat(http.api("GET", "/leads?cursor=bm9wZQ", null).json().get("field").asText()).isEqualTo("cursor");
    }

    @Test
    void leadsTasksNotesAndTagsRoundTrip() {
        CliengoClient.Answer created = http.api("POST", "/leads",
                "{\"name\":\"Lucía Gómez\",\"email\":\"lucia@example.com\",\"phone\":\"011 4567-8901\",\"tags\":[\"web\",\" Web \",\"pricing\"]}");
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("id").asText();
        assertThat(created.json().get("tags").toString()).isEqualTo("[\"web\",\"pricing\"]");

        JsonNode enriched = http.api("PATCH", "/leads/" + id, "{\"ghlContactId\":\"c_123\",\"addTags\":[\"ghl\"],\"removeTags\":[\"PRICING\"]}").json();
        assertThat(enriched.get("ghlContactId").asText()).isEqualTo("c_123");
        assertThat(enriched.get("tags").toString()).isEqualTo("[\"web\",\"ghl\"]");
        assertThat(http.api("GET", "/leads/" + id, null).json()).isEqualTo(enriched);

        CliengoClient.Answer task = http.api("POST", "/leads/" + id + "/tasks", "{\"title\":\"Llamar\",\"dueAt\":\"2030-01-02T10:00:00-03:00\"}");
        assertThat(task.status()).isEqualTo(201);
        assertThat(task.json().get("status").asText()).isEqualTo("pending");
        String taskId = task.json().get("id").asText();
        assertThat(http.api("PATCH", "/leads/" + id + "/tasks/" + taskId, "{\"status\":\"done\"}").json().get("status").asText()).isEqualTo("done");
        assertThat(http.api("GET", "/leads/" + id + "/tasks", null).json().get("tasks")).hasSize(1);
        assertThat(http.api("POST", "/leads/" + id + "/notes", "{\"content\":\"Quiere demo\",\"author\":\"bot\"}").status()).isEqualTo(201);
        assertThat(http.api("GET", "/leads/" + id + "/notes", null).json().get("notes").get(0).get("leadId").asText()).isEqualTo(id);

        assertThat(http.api("GET", "/leads/ld_missing", null).status()).isEqualTo(404);
        assertThat(http.api("PATCH", "/leads/" + id + "/tasks/tk_missing", "{}").status()).isEqualTo(404);
        CliengoClient.Answer typo = http.api("PATCH", "/leads/" + id, "{\"emial\":\"x@example.com\"}");
        assertThat(typo.status()).isEqualTo(400);
        assertThat(typo.json().get("field").asText()).isEqualTo("emial");
        assertThat(http.api("POST", "/leads", "{\"tags\":\"web\"}").json().get("field").asText()).isEqualTo("tags");
        assertThat(http.api("POST", "/leads", "{not json").status()).isEqualTo(400);
        assertThat(http.api("POST", "/leads/" + id + "/tasks", "{}").json().get("field").asText()).isEqualTo("title");
        assertThat(http.api("POST", "/leads/" + id + "/notes", "{\"content\":\" \"}").json().get("field").asText()).isEqualTo("content");
    }

    @Test
    void generatedLeadsAreRealisticDeterministicAndHavePlannedDuplicates() {
        CliengoSandbox.GenerateResult first = http.cliengo.generate(1000, 5);
        List<JsonNode> leads = allLeads();
        http.cliengo.reset();
        CliengoSandbox.GenerateResult again = http.cliengo.generate(1000, 5);
        assertThat(again).isEqualTo(first);
        List<JsonNode> leadsAgain = allLeads();
        for (int i = 0; i < leads.size(); i++) {
            assertThat(strip(leadsAgain.get(i))).isEqualTo(strip(leads.get(i)));
        }

        assertThat(first.duplicateEmails()).isBetween(70, 130);
        assertThat(first.duplicatePhones()).isBetween(30, 70);
        assertThat(first.people() + first.duplicateEmails() + first.duplicatePhones()).isEqualTo(1000);
        Set<String> emails = new HashSet<>();
        int repeatedEmails = 0;
        for (JsonNode lead : leads) {
            if (lead.has("email") && !emails.add(lead.get("email").asText().toLowerCase())) {
                repeatedEmails++;
            }
        }
        assertThat(repeatedEmails).isEqualTo(first.duplicateEmails());
        assertThat(leads).anyMatch(l -> l.path("phone").asText().startsWith("+55 11 9"))
                .anyMatch(l -> l.path("phone").asText().startsWith("+52 55"))
                .anyMatch(l -> l.path("phone").asText().startsWith("011 "))
                .anyMatch(l -> l.path("name").asText().matches(".*[ãçéíóúñÁ].*"));
        assertThat(first.notes()).isPositive();
        assertThat(first.tasks()).isPositive();
    }

    private List<JsonNode> allLeads() {
        List<JsonNode> out = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = http.api("GET", "/leads?limit=100" + (cursor == null ? "" : "&cursor=" + cursor), null).json();
            page.get("leads").forEach(out::add);
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
        } while (cursor != null);
        return out;
    }

    /** Without timestamps, which follow the clock, not the seed. */
    private static JsonNode strip(JsonNode lead) {
        com.fasterxml.jackson.databind.node.ObjectNode copy = lead.deepCopy();
        copy.remove("createdAt");
        copy.remove("updatedAt");
        return copy;
    }
}
