package io.ghlsync.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import io.ghlsync.mapping.MappingContext;
import io.ghlsync.mapping.Mappings;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scenario 6: one poison record (a lead whose status the mapping does not know) among 1,000 leads with notes.
 * <p>
 * Pass criterion: the other 999 leads and their notes are in the GHL sandbox once; the dead letters hold exactly one
 * letter, the poison lead's batch, naming the field and the value; after the mapping is fixed, replaying that letter
 * puts the poison lead and its note in GHL, once, and leaves no dead letter open.
 */
class PoisonRecordTest extends ReliabilityTestSupport {

    static final int LEADS = 1_000;
    static final int POISON = 500;

    @Test
    void onlyThePoisonRecordIsADeadLetterAndItsReplayDeliversItOnce() throws Exception {
        for (int i = 0; i < LEADS; i++) {
            if (i == POISON) {
                String id = leadId("poison", i);
                post(event("lead.created", id, "\"lead\":" + lead("poison", i).replace("\"new\"", "\"archived\"")));
                post(event("note.added", id, "\"note\":{\"id\":\"nt_poison_" + i + "\",\"content\":\"note of " + id + "\"}"));
            } else {
                postLeadWithNote("poison", i);
            }
        }
        await("every batch was processed", Duration.ofSeconds(300), this::settled);

        JsonNode letters = http("GET", "/admin/dead-letters").json();
        assertThat(letters.get("total").asLong()).as("dead letters").isEqualTo(1);
        JsonNode letter = letters.get("deadLetters").get(0);
        assertThat(letter.get("errorField").asText()).isEqualTo("customFields.lead_status");
        assertThat(letter.get("errorMessage").asText()).contains("archived");
        assertThat(http("GET", "/admin/dead-letters/" + letter.get("id").asLong()).json().get("sourceRecord").toString())
                .as("the letter holds the poison lead's batch").contains(leadId("poison", POISON) + "\"");
        assertThat(sandbox.ghl().location(LOCATION).contactCount()).as("contacts before the replay").isEqualTo(LEADS - 1);

        Path mapping = mappings().resolve("cliengo-lead-to-ghl-contact.yaml");
        Files.writeString(mapping, Files.readString(mapping).replace("      lost: lost\n", "      lost: lost\n      archived: lost\n"));
        JsonNode poisonLead = JSON.readTree(lead("poison", POISON).replace("\"new\"", "\"archived\""));
        await("the fixed mapping is loaded", Duration.ofSeconds(20), () -> context.getRegistry()
                .lookupByNameAndType("mappings", Mappings.class).registry()
                .apply("cliengo-lead-to-ghl-contact", poisonLead, MappingContext.of(Map.of("locationId", LOCATION))).isOk());
        Answer replay = http("POST", "/admin/dead-letters/" + letter.get("id").asLong() + "/replay");
        assertThat(replay.status()).as("%s", replay.json()).isEqualTo(200);
        await("the replayed batch was processed", Duration.ofSeconds(60), this::settled);

        Delivered delivered = delivered("poison", LEADS);
        long open = http("GET", "/admin/dead-letters").json().get("total").asLong();
        ScenarioRun.of("6. poison record among 1,000", "1 unmappable lead status", 2L * LEADS).verify(() -> {
            assertThat(open).as("dead letters open after the replay").isZero();
            assertThat(delivered.contacts()).as("leads in GHL").isEqualTo(LEADS);
            assertThat(delivered.notes()).as("notes in GHL").isEqualTo(LEADS);
            assertThat(delivered.duplicateNotes()).as("duplicate notes").isZero();
            assertThat(sandbox.ghl().location(LOCATION).contactCount()).as("contacts in GHL").isEqualTo(LEADS);
        }, delivered.contacts() + delivered.notes(), delivered.duplicateNotes(), 1);
    }
}
