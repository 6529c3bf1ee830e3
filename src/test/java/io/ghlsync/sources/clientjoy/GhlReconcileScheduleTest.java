package io.ghlsync.sources.clientjoy;

import io.ghlsync.operations.EngineProperties;
import io.ghlsync.sandbox.ghl.ContactSeeder;
import io.ghlsync.sandbox.ghl.GhlSandbox;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reconciliation on its Quartz schedule (ghl.reconcile.enabled, ghl.reconcile.cron), with no admin call and no GHL
 * webhook: contacts GHL has and Clientjoy lacks arrive, and a contact deleted in GHL leaves Clientjoy.
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
}
