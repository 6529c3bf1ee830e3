package io.ghlsync.sources.clientjoy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ghlsync.operations.EngineProperties;
import io.ghlsync.sandbox.clientjoy.ClientjoyEdits.Kind;
import io.ghlsync.sandbox.clientjoy.ClientjoySandbox;
import io.ghlsync.sandbox.ghl.WebhookDelivery;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bar of issue 6, end to end over HTTP: 200 GHL webhook events reflected in Clientjoy, 200 Clientjoy changes
 * reflected in GHL, then a further minute of polling (about sixty polls) makes zero writes on either side, read from
 * the GHL sandbox's call ledger and the Clientjoy sandbox's writes. Both polls run throughout: Clientjoy's every
 * second and GHL's incremental poll every 5 s (routes/ghl-reconcile.camel.yaml).
 */
class TwoWaySyncWithoutEchoTest extends ClientjoyToGhlTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(180);

    @Override
    protected EngineProperties engineProperties() {
        return super.engineProperties().with("ghl.poll.enabled", "true").with("ghl.poll.cron", "0/5 * * * * ?");
    }

    @Test
    void twoHundredChangesEachWayAreReflectedAndAFurtherMinuteOfPollingWritesNothing() {
        GhlClient ghl = new GhlClient(sandbox.ghlBaseUrl());
        ClientjoySandbox clientjoy = sandbox.clientjoy();

        // 1. GHL -> Clientjoy: 200 webhook events, while the Clientjoy poll sees every client they write
        GhlEventMix mix = new GhlEventMix().make(ghl, new Random(61), "twoway");
        await("the sandbox delivered 200 webhooks", WAIT, () -> sandbox.ghl().webhookDeliveries().size() >= GhlEventMix.EVENTS);
        List<WebhookDelivery> deliveries = sandbox.ghl().webhookDeliveries();
        assertThat(deliveries).hasSize(GhlEventMix.EVENTS).allSatisfy(d -> assertThat(d.status()).as("%s", d).isEqualTo(202));
        await("the engine applied them, and polled what they wrote", WAIT, () -> unfinished() == 0
                && clientjoy.clientCount() == 20 && polledSinceLastWrite(clientjoy));
        assertThat(deadLetters()).as("%s", deadLetterReasons()).isZero();
        mix.assertReflectedIn(clientjoy);
        // GHL's ledger holds the test's own 200 writes and nothing else: no Clientjoy write came back to GHL
        assertThat(ghlWrites()).isEqualTo(Map.of("create-contact", 40L, "update-contact", 40L, "add-tags", 30L,
                "create-task", 30L, "update-task-completed", 20L, "create-note", 20L, "delete-contact", 20L));

        sandbox.ghl().resetStats();

        // 2. Clientjoy -> GHL: 200 changes, as people working in Clientjoy make them, in two waves (the second completes
        // tasks the first created, once GHL has them)
        Map<Kind, Integer> made = new HashMap<>();
        List<String> clients = new ArrayList<>(mix.kept().stream().map(id -> clientjoy.clientByExternalId(id).get("id").asText()).toList());
        long seed = 1000;
        for (int i = 0; i < 20; i++) {
            edit(clientjoy, made, Kind.NEW_CLIENT, null, seed++);
            edit(clientjoy, made, Kind.RENAME, clients.get(i), seed++);
            edit(clientjoy, made, Kind.NOTE, clients.get(i), seed++);
            edit(clientjoy, made, Kind.NEW_TASK, clients.get(i), seed++);
            edit(clientjoy, made, Kind.NEW_TASK, clients.get(i), seed++);
        }
        for (int i = 0; i < 30; i++) {
            edit(clientjoy, made, Kind.TAG, clients.get(i % 20), seed++);
        }
        await("the first wave reached GHL", WAIT, () -> unfinished() == 0 && inStep(ghl, clientjoy));
        for (int i = 0; i < 35; i++) {              // two new tasks each of the first 17, one of the 18th
            edit(clientjoy, made, Kind.COMPLETE_TASK, clients.get(i / 2), seed++);
        }
        for (String id : mix.completedTasks.keySet().stream().filter(mix.kept()::contains).toList()) {
            edit(clientjoy, made, Kind.REOPEN_TASK, clientjoy.clientByExternalId(id).get("id").asText(), seed++);
        }
        for (int i = 0; made.values().stream().mapToInt(Integer::intValue).sum() < 200; i++) {
            edit(clientjoy, made, Kind.RENAME, clients.get(i % 20), seed++);
        }
        assertThat(made.values().stream().mapToInt(Integer::intValue).sum()).as("%s", made).isEqualTo(200);
        await("the second wave reached GHL", WAIT, () -> unfinished() == 0 && inStep(ghl, clientjoy)
                && polledSinceLastWrite(clientjoy));
        assertThat(deadLetters()).as("%s", deadLetterReasons()).isZero();
        assertThat(clientjoy.clientCount()).isEqualTo(40);
        assertThat(ghl.contacts()).hasSize(40);
        // one GHL write per change (edits of one client between two polls may share one), none for an echo
        Map<String, Long> writes = ghlWrites();
        assertThat(writes).as("%s", writes).containsEntry("upsert-contact", 20L).containsEntry("create-task", 40L)
                .containsEntry("create-note", 20L).containsEntry("update-task-completed", 50L)
                .doesNotContainKeys("update-task", "create-contact", "delete-contact", "remove-tags");
        assertThat(writes.get("update-contact")).as("renames").isBetween(20L, 40L);
        assertThat(writes.get("add-tags")).as("new clients' and added tags").isBetween(40L, 50L);

        // 3. a further minute of polling: nothing left to write, on either side
        sandbox.ghl().resetStats();
        clientjoy.resetStats();
        int webhooksBefore = sandbox.ghl().webhookDeliveries().size();
        await("a minute of polls", Duration.ofSeconds(150), () -> clientjoy.requests("GET /clients") >= 60);
        assertThat(ghlWrites()).as("GHL writes during the quiet minute").isEmpty();
        assertThat(clientjoy.statsJson().at("/writes/total").asLong()).as("%s", clientjoy.statsJson()).isZero();
        assertThat(sandbox.ghl().webhookDeliveries()).hasSize(webhooksBefore);
        assertThat(unfinished()).isZero();
        assertThat(deadLetters()).isZero();
    }

    private static void edit(ClientjoySandbox clientjoy, Map<Kind, Integer> made, Kind kind, String clientId, long seed) {
        clientjoy.edit(kind, clientId, seed);
        made.merge(kind, 1, Integer::sum);
    }

    /** A poll ran after the last change in Clientjoy (its updated_at is at or before the stored cursor). */
    private boolean polledSinceLastWrite(ClientjoySandbox clientjoy) {
        String[] cursor = new String[1];
        query("SELECT cursor_value FROM poll_cursor WHERE source_system = 'clientjoy' AND stream = 'clients-updated'",
                rs -> cursor[0] = rs.getString(1));
        String last = clientjoy.lastUpdatedAt();
        return last == null || (cursor[0] != null && java.time.OffsetDateTime.parse(cursor[0]).compareTo(java.time.OffsetDateTime.parse(last)) >= 0);
    }

    /**
     * Every Clientjoy client names its GHL contact, which has its first name and at least its tags; every task of it
     * names its GHL task, completed alike; and the contact has as many notes as the client.
     */
    private static boolean inStep(GhlClient ghl, ClientjoySandbox clientjoy) {
        for (JsonNode client : clientjoy.clients()) {
            String contactId = client.path("external_id").asText(null);
            if (contactId == null) {
                return false;
            }
            JsonNode contact = ghl.send("GET", "/contacts/" + contactId, null).get("contact");
            if (!contact.path("firstName").asText().equals(client.path("first_name").asText())
                    || !GhlEventMix.texts(contact.get("tags")).containsAll(GhlEventMix.texts(client.get("tags")))) {
                return false;
            }
            Map<String, Boolean> ghlTasks = new HashMap<>();
            ghl.send("GET", "/contacts/" + contactId + "/tasks", null).get("tasks")
                    .forEach(t -> ghlTasks.put(t.get("id").asText(), t.get("completed").asBoolean()));
            List<ObjectNode> tasks = clientjoy.tasks(client.get("id").asText());
            if (tasks.size() != ghlTasks.size() || !tasks.stream().allMatch(t -> Boolean.valueOf("completed".equals(t.path("status").asText()))
                    .equals(ghlTasks.get(t.path("external_id").asText())))) {
                return false;
            }
            long ghlNotes = StreamSupport.stream(ghl.send("GET", "/contacts/" + contactId + "/notes", null).get("notes").spliterator(), false).count();
            if (ghlNotes != clientjoy.notes(client.get("id").asText()).size()) {
                return false;
            }
        }
        return true;
    }
}
