package io.ghlsync.sources.ghl;

import io.ghlsync.Settings;
import io.ghlsync.operations.EngineProperties;
import io.ghlsync.operations.EngineTestSupport;
import io.ghlsync.sandbox.clientjoy.ClientjoySandbox;
import io.ghlsync.sandbox.ghl.WebhookDelivery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End to end, as in sandbox mode: the GHL sandbox posts its signed webhooks to the engine's /webhooks/ghl, the engine
 * trusts the sandbox's keys, and every event (contact, note, task, appointment) is accepted, stored once under its
 * contact and completed by the consuming route (which applies it to the Clientjoy sandbox: GhlEventsToClientjoyTest).
 */
class GhlSandboxWebhooksTest extends EngineTestSupport {

    @Override
    protected Settings settings() {
        return super.settings().override("ghl.webhook.public-key", sandbox.ghl().signer().rsaPublicKeyPem())
                .override("ghl.webhook.ed25519-key", sandbox.ghl().signer().ed25519PublicKeyPem());
    }

    @Override
    protected EngineProperties engineProperties() {
        // the consuming route applies each event to Clientjoy: the sandbox's
        return super.engineProperties()
                .with("clientjoy.base-url", sandbox.clientjoyBaseUrl())
                .with("clientjoy.api-key", ClientjoySandbox.DEFAULT_API_KEY);
    }

    @AfterEach
    void stopPosting() {
        sandbox.ghl().webhookUrl(null);
        sandbox.ghl().clearWebhookDeliveries();
    }

    @Test
    void theSandboxsOwnDeliveriesAreAcceptedStoredAndCompleted() {
        sandbox.ghl().clearWebhookDeliveries();
        sandbox.ghl().webhookUrl("http://127.0.0.1:" + port + "/webhooks/ghl");

        @SuppressWarnings("unchecked")
        Map<String, Object> upserted = template.requestBody("ghl:upsert-contact",
                "{\"firstName\":\"Lucía\",\"email\":\"lucia.webhooks@example.com\"}", Map.class);
        String contactId = String.valueOf(((Map<String, Object>) upserted.get("contact")).get("id"));
        template.requestBody("ghl:create-note?contactId=" + contactId, "{\"body\":\"Prefiere WhatsApp\"}");
        template.requestBody("ghl:create-task?contactId=" + contactId,
                "{\"title\":\"Llamar\",\"dueDate\":\"2030-01-01T10:00:00Z\",\"completed\":false}");
        sandbox.ghl().createAppointment("sandbox-location", contactId, JSON.createObjectNode()
                .put("title", "Demo").put("startTime", "2030-01-02T10:00:00Z").put("endTime", "2030-01-02T11:00:00Z"));

        await("the sandbox delivered its 4 webhooks", Duration.ofSeconds(30), () -> sandbox.ghl().webhookDeliveries().size() >= 4);
        List<WebhookDelivery> deliveries = sandbox.ghl().webhookDeliveries();
        assertThat(deliveries).extracting(WebhookDelivery::type)
                .containsExactlyInAnyOrder("ContactCreate", "NoteCreate", "TaskCreate", "AppointmentCreate");
        assertThat(deliveries).allSatisfy(d -> assertThat(d.status()).as("%s", d).isEqualTo(202));

        await("the consuming route completed all 4", Duration.ofSeconds(30), () -> inbox().getOrDefault("done", 0) == 4);
        assertThat(inbox()).containsExactly(Map.entry("done", 4));
        assertThat(column("ordering_key")).as("every event is ordered by the contact it is about").containsOnly(contactId);
        assertThat(column("event_id")).containsExactlyInAnyOrderElementsOf(deliveries.stream().map(WebhookDelivery::webhookId).toList());
    }

    private Map<String, Integer> inbox() {
        Map<String, Integer> byState = new HashMap<>();
        query("SELECT state, COUNT(*) FROM inbox WHERE source_system = 'ghl' GROUP BY state",
                rs -> byState.put(rs.getString(1), rs.getInt(2)));
        return byState;
    }

    private List<String> column(String column) {
        List<String> values = new ArrayList<>();
        query("SELECT " + column + " FROM inbox WHERE source_system = 'ghl'", rs -> values.add(rs.getString(1)));
        return values;
    }
}
