package io.ghlsync.sources.cliengo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ghlsync.state.EntityType;
import io.ghlsync.state.LinkKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Enrichment end to end: the Cliengo sandbox posts its signed webhooks to the engine, the engine writes the lead to
 * the GHL sandbox and the GHL contact id back to the Cliengo sandbox's lead over its API; Cliengo's lead.updated echo
 * of that write-back costs no GHL call.
 */
class CliengoEnrichmentTest extends CliengoEngineTestSupport {

    @BeforeEach
    void sendCliengoWebhooksToTheEngine() {
        sandbox.cliengo().reset();
        sandbox.cliengo().webhookUrl("http://127.0.0.1:" + port + "/webhooks/cliengo");
    }

    @AfterEach
    void stopWebhooks() {
        sandbox.cliengo().webhookUrl(null);
    }

    @Test
    void theLeadGetsItsGhlContactIdAndTheEchoCostsNoGhlCall() {
        ObjectNode lead = JSON.createObjectNode().put("name", "Lucía Romero").put("email", "lucia.enrich@example.com");
        lead.putArray("tags").add("web");
        String leadId = sandbox.cliengo().createLead(lead).get("id").asText();

        await("the lead carries its GHL contact id", Duration.ofSeconds(30),
                () -> sandbox.cliengo().lead(leadId).hasNonNull("ghlContactId"));
        String contactId = database().links().find(new LinkKey("cliengo", EntityType.CONTACT, LOCATION, leadId))
                .orElseThrow().ghlId();
        assertThat(sandbox.cliengo().lead(leadId).get("ghlContactId").asText()).isEqualTo(contactId);
        long writes = writes();

        // the write-back's echo: Cliengo posts lead.updated (changed: ghlContactId); it must be processed, and free
        await("the echo was delivered and processed", Duration.ofSeconds(30),
                () -> sandbox.cliengo().pendingWebhooks() == 0 && echoProcessed(leadId));
        assertThat(writes() - writes).as("GHL writes caused by the enrichment's echo").isZero();
        assertThat(sandbox.cliengo().statsJson().toString()).contains("PATCH /leads/{id}");
    }

    private boolean echoProcessed(String leadId) {
        return sandbox.cliengo().webhookDeliveries().stream()
                .anyMatch(d -> d.type().equals("lead.updated") && d.leadId().equals(leadId) && d.status() == 202)
                && settled();
    }
}
