package io.ghlsync.sources.cliengo;

import com.fasterxml.jackson.databind.JsonNode;
import io.ghlsync.Settings;
import io.ghlsync.operations.EngineProperties;
import io.ghlsync.state.EntityType;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GHL cannot merge contacts: had the phone-only and the email-only lead of one person been written before that
 * person's first lead (which has both), they would be two contacts. Here the first lead's batch stays open (its notes
 * keep arriving within the window) while the two later leads' batches complete; they still reach GHL after it.
 */
class LeadOrderTest extends CliengoEngineTestSupport {

    private static final long WINDOW_MS = 1_000;

    @Override
    protected Settings settings() {
        // these events name leads the Cliengo sandbox does not hold: no write-back
        return super.settings().override("cliengo.enrich.enabled", "false");
    }

    /** A window long enough that the notes, posted a third of it apart, keep the first lead's batch open on a busy machine. */
    @Override
    protected EngineProperties engineProperties() {
        return super.engineProperties().with("cliengo.aggregate.window-ms", Long.toString(WINDOW_MS));
    }

    @Test
    void laterLeadsOfAPersonWaitForTheLeadReceivedFirstEvenWhenTheirBatchesCompleteFirst() throws InterruptedException {
        int contacts = sandbox.ghl().location(LOCATION).contactCount();
        post(event("lead.created", "ld_order_a", "\"lead\":{\"id\":\"ld_order_a\",\"name\":\"Ximena Ibáñez\","
                + "\"email\":\"ximena.order@example.com\",\"phone\":\"+525512345678\",\"tags\":[\"web\"]}"));
        post(event("lead.created", "ld_order_b", "\"lead\":{\"id\":\"ld_order_b\",\"name\":\"Ximena Ibáñez\","
                + "\"phone\":\"+525512345678\",\"tags\":[\"whatsapp\"]}"));
        post(event("lead.created", "ld_order_c", "\"lead\":{\"id\":\"ld_order_c\",\"name\":\"Ximena Ibáñez\","
                + "\"email\":\"XIMENA.ORDER@example.com\",\"tags\":[\"pricing\"]}"));
        int notes = 8;
        for (int i = 0; i < notes; i++) {
            // shapes the input, waits for nothing: the first lead's events keep coming for over twice the window
            Thread.sleep(WINDOW_MS / 3);
            post(event("note.added", "ld_order_a", "\"note\":{\"id\":\"nt_order_" + i + "\",\"content\":\"Nota " + i + "\"}"));
        }

        await("the three leads and the notes reached GHL", Duration.ofSeconds(60), this::settled);
        assertThat(sandbox.ghl().location(LOCATION).contactCount() - contacts).as("contacts for one person").isEqualTo(1);
        String contactId = link(EntityType.CONTACT, "ld_order_a").orElseThrow().ghlId();
        JsonNode contact = ghl("/contacts/" + contactId).get("contact");
        assertThat(contact.get("email").asText()).isEqualTo("ximena.order@example.com");
        assertThat(contact.get("tags")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("web", "whatsapp", "pricing", "cliengo");
        assertThat(ghl("/contacts/" + contactId + "/notes").get("notes")).hasSize(notes);
    }
}
