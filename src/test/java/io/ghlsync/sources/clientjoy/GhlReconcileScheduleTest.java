package io.ghlsync.sources.clientjoy;

import com.fasterxml.jackson.databind.JsonNode;
import io.ghlsync.operations.EngineProperties;
import io.ghlsync.sandbox.ghl.ContactSeeder;
import io.ghlsync.sandbox.ghl.GhlSandbox;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reconciliation on its Quartz schedule (ghl.reconcile.enabled, ghl.reconcile.cron), with no admin call and no GHL
 * webhook: contacts GHL has and Clientjoy lacks arrive, through inbox:ghl as the poll's ContactUpdate events, and a
 * contact deleted in GHL leaves Clientjoy.
 */
class GhlReconcileScheduleTest extends ClientjoyEngineTestSupport {

    private static final String LOCATION = GhlSandbox.DEFAULT_LOCATION_ID;
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Override
    protected EngineProperties engineProperties() {
        return super.engineProperties()
                .with("ghl.poll.enabled", "false")
                .with("ghl.reconcile.enabled", "true")
                .with("ghl.reconcile.cron", "0/2 * * * * ?");
    }

    @Test
    void theScheduledReconciliationCopiesMissedContactsAndAppliesADeleteInGhl() {
        sandbox.ghl().seed(LOCATION, new ContactSeeder.Plan(6, 0, 0, 0, 0));
        await("a scheduled run copied the six contacts", WAIT, () -> sandbox.clientjoy().clientCount() == 6
                && links().getOrDefault("contact", 0) == 6);

        GhlClient ghl = new GhlClient(sandbox.ghlBaseUrl());
        String gone = ghl.contacts().get(2).get("id").asText();
        ghl.send("DELETE", "/contacts/" + gone, null);
        await("a scheduled run deleted its client and pruned its link", WAIT, () -> sandbox.clientjoy().clientCount() == 5
                && links().getOrDefault("contact", 0) == 5);
        assertThat(count("SELECT COUNT(*) FROM link WHERE source_system = 'clientjoy' AND ghl_id = ?", gone)).isZero();
        assertThat(sandbox.clientjoy().writes("client.created")).isEqualTo(6);
        assertThat(sandbox.ghl().webhookDeliveries()).isEmpty();
        assertThat(deadLetters()).isZero();
    }

    @Test
    void theRunStoresEachMissedContactInTheGhlInboxAsTheEventThePollStores() {
        sandbox.ghl().seed(LOCATION, new ContactSeeder.Plan(4, 0, 0, 0, 0));
        GhlClient ghl = new GhlClient(sandbox.ghlBaseUrl());
        await("a scheduled run copied the four contacts", WAIT, () -> sandbox.clientjoy().clientCount() == 4
                && links().getOrDefault("contact", 0) == 4);

        // each went through inbox:ghl (in order with that contact's webhooks), not straight to Clientjoy
        for (JsonNode contact : ghl.contacts()) {
            String id = contact.get("id").asText();
            String eventId = "poll:" + id + ":" + contact.get("dateUpdated").asText();
            List<String> stored = new ArrayList<>();
            query("SELECT event_type, ordering_key, state FROM inbox WHERE source_system = 'ghl' AND event_id = ?",
                    rs -> stored.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3)), eventId);
            assertThat(stored).as("inbox:ghl items of %s", eventId).containsExactly("ContactUpdate " + id + " done");
        }
        // later runs find nothing changed: nothing more is stored
        long items = count("SELECT COUNT(*) FROM inbox WHERE source_system = 'ghl'");
        awaitALaterRunDone();
        awaitALaterRunDone();
        assertThat(count("SELECT COUNT(*) FROM inbox WHERE source_system = 'ghl'")).isEqualTo(items);
        assertThat(deadLetters()).isZero();
    }

    /** Waits until a run that started after the last one GET /admin/reconcile shows has ended done. */
    private void awaitALaterRunDone() {
        String before = http("GET", "/admin/reconcile").json().at("/reconcile/startedAt").asText();
        await("a later scheduled run ended", WAIT, () -> {
            JsonNode run = http("GET", "/admin/reconcile").json().get("reconcile");
            return run != null && !run.get("startedAt").asText().equals(before) && run.get("state").asText().equals("done");
        });
    }
}
