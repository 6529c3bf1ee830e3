package io.ghlsync.sources.clientjoy;

import com.fasterxml.jackson.databind.JsonNode;
import io.ghlsync.Settings;
import io.ghlsync.operations.EngineProperties;
import io.ghlsync.sandbox.clientjoy.ClientjoySandbox;
import io.ghlsync.sandbox.ghl.ContactSeeder;
import io.ghlsync.sandbox.ghl.GhlSandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What webhooks miss, end to end: the engine's incremental poll and reconciliation (routes/ghl-reconcile.camel.yaml)
 * against the GHL and Clientjoy sandboxes over HTTP, with no GHL webhook posted at all (the sandbox has no webhook URL).
 * GHL is reached through {@link ListPageFailingProxy}, which forwards everything unless a test makes it fail GHL's
 * list pages after the first. Every assertion reads the sandboxes' stored state and call ledgers, or the admin API.
 */
class GhlReconcileTest extends ClientjoyEngineTestSupport {

    private static final String LOCATION = GhlSandbox.DEFAULT_LOCATION_ID;
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static ListPageFailingProxy proxy;

    @BeforeAll
    static void startProxy() throws IOException {
        proxy = new ListPageFailingProxy(sandbox.ghlBaseUrl());
    }

    @AfterAll
    static void stopProxy() {
        proxy.close();
    }

    @AfterEach
    void proxyForwardsAgain() {
        proxy.failLaterPages(false);
    }

    @Override
    protected Settings settings() {
        return super.settings().override("ghl.base-url", proxy.baseUrl())
                .override("ghl.poll.page-size", "10").override("ghl.reconcile.page-size", "10");
    }

    @Override
    protected EngineProperties engineProperties() {
        return super.engineProperties()
                // a poll every second; the reconciliation runs when a test asks (POST /admin/reconcile)
                .with("ghl.poll.enabled", "true")
                .with("ghl.poll.cron", "0/1 * * * * ?")
                .with("ghl.reconcile.enabled", "false");
    }

    @Test
    void aContactCreatedAndChangedInGhlWithNoWebhookIsInClientjoyAfterThePoll() {
        GhlClient ghl = new GhlClient(sandbox.ghlBaseUrl());
        ClientjoySandbox clientjoy = sandbox.clientjoy();
        String contactId = ghl.send("POST", "/contacts/", "{\"locationId\":\"" + LOCATION + "\",\"firstName\":\"Nadia\","
                + "\"email\":\"nadia.poll@example.com\"}").at("/contact/id").asText();
        await("the poll copied the new contact", WAIT, () -> clientjoy.clientCount() == 1);
        assertThat(clientjoy.clientByExternalId(contactId).get("first_name").asText()).isEqualTo("Nadia");

        ghl.send("PUT", "/contacts/" + contactId, "{\"firstName\":\"Nadia Sofia\",\"phone\":\"+14155550123\"}");
        await("the poll copied the change", WAIT, () ->
                clientjoy.clientByExternalId(contactId).get("first_name").asText().equals("Nadia Sofia"));
        assertThat(clientjoy.clientByExternalId(contactId).get("phone").asText()).isEqualTo("+14155550123");
        assertThat(clientjoy.writes("client.created")).isEqualTo(1);
        assertThat(sandbox.ghl().webhookDeliveries()).as("no webhook was sent").isEmpty();
        JsonNode poll = http("GET", "/admin/reconcile").json().get("poll");
        assertThat(poll.get("polls").asLong()).isPositive();
        assertThat(poll.get("failures").asLong()).isZero();
        List<String> stored = new ArrayList<>();
        query("SELECT cursor_value FROM poll_cursor WHERE source_system = 'clientjoy' AND stream = ?",
                rs -> stored.add(rs.getString(1)), "ghl-poll/" + LOCATION);
        assertThat(stored).as("the poll's cursor is kept in the state database").hasSize(1);
        assertThat(Instant.parse(stored.get(0))).isBefore(Instant.now());
        assertThat(deadLetters()).isZero();
    }

    @Test
    void aContactDeletedInGhlWithNoWebhookIsGoneFromClientjoyAfterReconciliationAndItsLinkPruned() {
        sandbox.ghl().seed(LOCATION, new ContactSeeder.Plan(25, 1, 1, 0, 0));
        JsonNode first = reconcile();
        assertThat(first.get("ghlContacts").asInt()).isEqualTo(25);
        ClientjoySandbox clientjoy = sandbox.clientjoy();
        assertThat(clientjoy.clientCount()).isEqualTo(25);
        assertThat(links().get("contact")).isEqualTo(25);

        GhlClient ghl = new GhlClient(sandbox.ghlBaseUrl());
        List<String> ids = ids(ghl.contacts());
        String gone = ids.get(7);
        ghl.send("DELETE", "/contacts/" + gone, null);

        JsonNode run = reconcile();
        assertThat(run.get("deleted").asInt()).isEqualTo(1);
        assertThat(clientjoy.clientCount()).isEqualTo(24);
        assertThat(clientjoy.taskCount()).as("its task went with the client").isEqualTo(24);
        assertThat(clientjoy.requests("DELETE /clients/{id}")).isEqualTo(1);
        assertThat(links()).as("the links of its task and note were pruned with it")
                .containsEntry("contact", 24).containsEntry("task", 24).containsEntry("note", 24);
        assertThat(count("SELECT COUNT(*) FROM link WHERE source_system = 'clientjoy' AND entity_type = 'contact' AND ghl_id = ?", gone))
                .isZero();
        for (String id : ids) {
            if (!id.equals(gone)) {
                assertThat(clientjoy.clientByExternalId(id).get("external_id").asText()).isEqualTo(id);
            }
        }
        assertThat(sandbox.ghl().webhookDeliveries()).isEmpty();
        assertThat(count("SELECT COUNT(*) FROM reconcile_seen")).as("a run leaves no seen ids behind").isZero();
    }

    @Test
    void aClientLostInClientjoyIsCopiedAgainFromGhlAndALinkToNothingOnEitherSideIsPruned() {
        sandbox.ghl().seed(LOCATION, new ContactSeeder.Plan(12, 1, 1, 0, 0));
        reconcile();
        ClientjoySandbox clientjoy = sandbox.clientjoy();
        GhlClient ghl = new GhlClient(sandbox.ghlBaseUrl());
        List<String> ids = ids(ghl.contacts());
        String lostInClientjoy = ids.get(3);
        String lostEverywhere = ids.get(4);
        String oldClient = clientjoy.clientByExternalId(lostInClientjoy).get("id").asText();
        deleteClient(oldClient);
        deleteClient(clientjoy.clientByExternalId(lostEverywhere).get("id").asText());
        ghl.send("DELETE", "/contacts/" + lostEverywhere, null);
        assertThat(clientjoy.clientCount()).isEqualTo(10);

        JsonNode run = reconcile();
        assertThat(run.get("recreated").asInt()).isEqualTo(1);
        assertThat(run.get("pruned").asInt()).isEqualTo(1);
        assertThat(run.get("deleted").asInt()).isZero();
        assertThat(clientjoy.clientCount()).isEqualTo(11);
        JsonNode again = clientjoy.clientByExternalId(lostInClientjoy);
        assertThat(again.get("id").asText()).isNotEqualTo(oldClient);
        assertThat(clientjoy.tasks(again.get("id").asText())).as("its task was copied again with it").hasSize(1);
        assertThat(clientjoy.notes(again.get("id").asText())).hasSize(1);
        assertThat(count("SELECT COUNT(*) FROM link WHERE source_system = 'clientjoy' AND entity_type = 'contact' AND ghl_id = ?",
                lostInClientjoy)).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM link WHERE source_system = 'clientjoy' AND entity_type = 'contact' AND source_id = ?",
                again.get("id").asText())).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM link WHERE source_system = 'clientjoy' AND entity_type = 'contact' AND ghl_id = ?",
                lostEverywhere)).isZero();
        assertThat(links().get("contact")).isEqualTo(11);
        assertThat(deadLetters()).isZero();
    }

    @Test
    void unchangedDataCostsZeroWritesOnBothSidesOverSeveralPollsAndAReconciliation() {
        sandbox.ghl().seed(LOCATION, new ContactSeeder.Plan(40, 1, 1, 1, 0));
        reconcile();
        ClientjoySandbox clientjoy = sandbox.clientjoy();
        assertThat(clientjoy.clientCount()).isEqualTo(40);
        assertThat(clientjoy.activityCount()).isEqualTo(40);
        long pollsBefore = polls();
        await("a poll that started after the copy finished", WAIT, () -> polls() >= pollsBefore + 2);
        clientjoy.resetStats();
        sandbox.ghl().resetStats();
        long pollsAfterReset = polls();

        await("three more polls", WAIT, () -> polls() >= pollsAfterReset + 3);
        JsonNode run = reconcile();
        assertThat(run.get("ghlContacts").asInt()).isEqualTo(40);
        assertThat(run.get("clientjoyClients").asInt()).isEqualTo(40);

        JsonNode clientjoyStats = clientjoy.statsJson();
        assertThat(clientjoyStats.at("/writes/total").asLong()).as("Clientjoy writes: %s", clientjoyStats).isZero();
        JsonNode ghlStats = sandbox.ghl().stats();
        Map<String, Long> ghlCalls = calls(ghlStats.at("/locations/" + LOCATION + "/operations"));
        assertThat(ghlCalls.keySet()).as("GHL: only its contact list was read, nothing written: %s", ghlStats)
                .containsOnly("get-contacts GET");
        assertThat(deadLetters()).isZero();
    }

    @Test
    void aGhlReadFailingMidReconciliationDeletesNothing() {
        sandbox.ghl().seed(LOCATION, new ContactSeeder.Plan(30, 0, 0, 0, 0));
        reconcile();
        ClientjoySandbox clientjoy = sandbox.clientjoy();
        assertThat(clientjoy.clientCount()).isEqualTo(30);
        GhlClient ghl = new GhlClient(sandbox.ghlBaseUrl());
        List<String> ids = ids(ghl.contacts());
        for (String id : ids.subList(0, 3)) {
            ghl.send("DELETE", "/contacts/" + id, null);
        }

        proxy.failLaterPages(true);
        JsonNode failed = reconcileEndingAs("failed");
        assertThat(failed.get("phase").asText()).isEqualTo("ghl");
        assertThat(failed.get("error").asText()).contains("503");
        assertThat(proxy.failedPages()).isPositive();
        assertThat(clientjoy.clientCount()).as("nothing deleted on a partial read").isEqualTo(30);
        assertThat(clientjoy.requests("DELETE /clients/{id}")).isZero();
        assertThat(links().get("contact")).isEqualTo(30);
        assertThat(deadLetters()).as("a page is not a record: no dead letter").isZero();

        // the same run with GHL answering: the three deletes happen, so the run above could have deleted them
        proxy.failLaterPages(false);
        JsonNode done = reconcile();
        assertThat(done.get("deleted").asInt()).isEqualTo(3);
        assertThat(clientjoy.clientCount()).isEqualTo(27);
    }

    @Test
    void aRunThatWouldDeleteTooManyContactsDeletesNoneAndSaysWhy() {
        sandbox.ghl().seed(LOCATION, new ContactSeeder.Plan(60, 0, 0, 0, 0));
        reconcile();
        GhlClient ghl = new GhlClient(sandbox.ghlBaseUrl());
        for (String id : ids(ghl.contacts()).subList(0, 20)) {
            ghl.send("DELETE", "/contacts/" + id, null);
        }
        JsonNode refused = reconcileEndingAs("failed");
        assertThat(refused.get("error").asText()).contains("20 of 60 linked contacts").contains("ghl.reconcile.max-delete-percent");
        assertThat(sandbox.clientjoy().clientCount()).isEqualTo(60);
        assertThat(sandbox.clientjoy().requests("DELETE /clients/{id}")).isZero();
        // a refused run does not block the next (which refuses again, for the same reason)
        assertThat(reconcileEndingAs("failed").get("error").asText()).contains("20 of 60 linked contacts");
    }

    // ---- helpers ----

    /**
     * POST /admin/reconcile, then the run as GET /admin/reconcile shows it once it ended done and the missed changes it
     * stored in inbox:ghl were applied.
     */
    private JsonNode reconcile() {
        JsonNode run = reconcileEndingAs("done");
        await("the missed changes the run stored in inbox:ghl were applied", WAIT, () -> count(
                "SELECT COUNT(*) FROM inbox WHERE source_system = 'ghl' AND state IN ('pending', 'processing')") == 0);
        return run;
    }

    private JsonNode reconcileEndingAs(String state) {
        Answer started = http("POST", "/admin/reconcile");
        assertThat(started.status()).as(started.raw().body()).isEqualTo(202);
        String startedAt = started.json().at("/reconcile/startedAt").asText();
        JsonNode[] run = new JsonNode[1];
        await("the reconciliation ended", WAIT, () -> {
            run[0] = http("GET", "/admin/reconcile").json().get("reconcile");
            return run[0].get("startedAt").asText().equals(startedAt) && !run[0].get("state").asText().equals("running");
        });
        assertThat(run[0].get("state").asText()).as("%s", run[0]).isEqualTo(state);
        return run[0];
    }

    private long polls() {
        return http("GET", "/admin/reconcile").json().at("/poll/polls").asLong();
    }

    /** A client deleted in Clientjoy through its API, as a Clientjoy user would (not through ghl-sync). */
    private void deleteClient(String clientId) {
        Answer deleted = sourceApi("DELETE", sandbox.clientjoyBaseUrl() + "/clients/" + clientId,
                ClientjoySandbox.DEFAULT_API_KEY);
        assertThat(deleted.status()).as(deleted.raw().body()).isEqualTo(200);
    }

    private static List<String> ids(List<JsonNode> contacts) {
        List<String> out = new ArrayList<>();
        contacts.forEach(c -> out.add(c.get("id").asText()));
        return out;
    }

    /** {@code "operationId METHOD" -> count} from the ledger's operations of one location. */
    private static Map<String, Long> calls(JsonNode operations) {
        Map<String, Long> out = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> ops = operations.fields(); ops.hasNext(); ) {
            Map.Entry<String, JsonNode> op = ops.next();
            op.getValue().fields().forEachRemaining(m -> {
                if (m.getValue().asLong() > 0) {
                    out.put(op.getKey() + " " + m.getKey(), m.getValue().asLong());
                }
            });
        }
        return out;
    }
}
