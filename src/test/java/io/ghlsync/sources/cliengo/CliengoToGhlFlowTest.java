package io.ghlsync.sources.cliengo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ghlsync.Settings;
import io.ghlsync.state.EntityType;
import io.ghlsync.state.Link;
import io.ghlsync.state.LinkKey;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * routes/cliengo-to-ghl.camel.yaml in the engine, fed by signed webhooks over HTTP, against the GHL sandbox: a new lead
 * with tags and a note costs 2 GHL calls; the same lead again costs none; tasks are updated and completed through
 * their links; removed tags leave the contact; a duplicate lead folds into the same contact; a note whose lead never
 * reached GHL brings the lead from Cliengo's API; a lead the mapping refuses is a dead letter.
 */
class CliengoToGhlFlowTest extends CliengoEngineTestSupport {

    @Override
    protected Settings settings() {
        // these events name leads the Cliengo sandbox does not hold: no write-back (CliengoEnrichmentTest has it)
        return super.settings().override("cliengo.enrich.enabled", "false");
    }

    @Test
    void aNewLeadWithTagsAndANoteCostsTwoCallsAndTheSameLeadAgainCostsNone() {
        long before = writes();
        String lead = "{\"id\":\"ld_flow_1\",\"name\":\"Sofía Díaz\",\"email\":\"sofia.flow@example.com\","
                + "\"phone\":\"+5491145678901\",\"status\":\"new\",\"tags\":[\"VIP\",\"promo\"]}";
        String note = "{\"id\":\"nt_flow_1\",\"content\":\"Quiere una demo el lunes\",\"author\":\"Ana\"}";
        post(event("lead.created", "ld_flow_1", "\"lead\":" + lead));
        post(event("tags.added", "ld_flow_1", "\"tags\":[\"Caliente\"]"));
        post(event("note.added", "ld_flow_1", "\"note\":" + note));

        await("the lead and its note reached GHL", Duration.ofSeconds(30), this::settled);
        String contactId = link(EntityType.CONTACT, "ld_flow_1").orElseThrow().ghlId();
        JsonNode contact = ghl("/contacts/" + contactId).get("contact");
        assertThat(contact.get("email").asText()).isEqualTo("sofia.flow@example.com");
        assertThat(contact.get("tags")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("vip", "promo", "caliente", "cliengo");
        JsonNode notes = ghl("/contacts/" + contactId + "/notes").get("notes");
        assertThat(notes).hasSize(1);
        assertThat(notes.get(0).get("body").asText()).isEqualTo("Quiere una demo el lunes");
        assertThat(writes() - before).as("GHL writes for a new lead with tags and a note").isEqualTo(2);
        assertThat(calls("create-contact")).isPositive();

        // the same lead and note delivered again under new event ids (a re-poll, a resend): nothing to write
        long afterNew = writes();
        post(event("lead.updated", "ld_flow_1", "\"lead\":" + lead.replace("\"promo\"]", "\"promo\",\"Caliente\"]")));
        post(event("note.added", "ld_flow_1", "\"note\":" + note));
        await("the repeated events were processed", Duration.ofSeconds(30), this::settled);
        assertThat(writes() - afterNew).as("GHL writes for an unchanged lead").isZero();
        assertThat(ghl("/contacts/" + contactId + "/notes").get("notes")).hasSize(1);

        // a changed lead is written again
        post(event("lead.updated", "ld_flow_1", "\"lead\":" + lead.replace("Sofía Díaz", "Sofía Díaz Paz")));
        await("the changed lead reached GHL", Duration.ofSeconds(30),
                () -> ghl("/contacts/" + contactId).get("contact").get("lastName").asText().equals("Díaz Paz"));
    }

    @Test
    void aTaskIsUpdatedAndCompletedThroughItsLinkAndRemovedTagsLeaveTheContact() {
        String lead = "{\"id\":\"ld_task_1\",\"name\":\"Mateo Gómez\",\"email\":\"mateo.task@example.com\","
                + "\"tags\":[\"demo\",\"promo\"]}";
        String task = "{\"id\":\"tk_task_1\",\"title\":\"Llamar\",\"status\":\"pending\","
                + "\"dueAt\":\"2030-01-05T15:00:00-03:00\"}";
        post(event("lead.created", "ld_task_1", "\"lead\":" + lead));
        post(event("task.created", "ld_task_1", "\"task\":" + task));
        await("the task reached GHL", Duration.ofSeconds(30), this::settled);
        String contactId = link(EntityType.CONTACT, "ld_task_1").orElseThrow().ghlId();
        String taskId = link(EntityType.TASK, "tk_task_1").orElseThrow().ghlId();
        long updates = calls("update-task");
        long completions = calls("update-task-completed");

        post(event("task.updated", "ld_task_1", "\"task\":" + task.replace("Llamar", "Llamar otra vez")));
        await("the update reached GHL", Duration.ofSeconds(30), this::settled);
        assertThat(ghlTask(contactId, taskId).get("title").asText()).isEqualTo("Llamar otra vez");
        assertThat(calls("update-task") - updates).isEqualTo(1);

        String done = task.replace("Llamar", "Llamar otra vez").replace("pending", "done");
        post(event("task.completed", "ld_task_1", "\"task\":" + done));
        await("the completion reached GHL", Duration.ofSeconds(30), this::settled);
        // the same completion again (a resend under a new event id) costs nothing
        post(event("task.completed", "ld_task_1", "\"task\":" + done));
        await("the resend was processed", Duration.ofSeconds(30), this::settled);
        assertThat(ghlTask(contactId, taskId).get("completed").asBoolean()).isTrue();
        assertThat(calls("update-task-completed") - completions).isEqualTo(1);
        assertThat(calls("update-task") - updates).as("a completion alone is not a full update").isEqualTo(1);

        post(event("tags.removed", "ld_task_1", "\"tags\":[\"Promo\"]"));
        await("the removal reached GHL", Duration.ofSeconds(30), this::settled);
        assertThat(ghl("/contacts/" + contactId).get("contact").get("tags")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("demo", "cliengo");
    }

    @Test
    void tagsAddedToManyExistingContactsBecomeBulkCallsOfAtMostOneHundred() {
        int leads = 150;
        for (int i = 0; i < leads; i++) {
            post(event("lead.created", "ld_bulk_" + i, "\"lead\":{\"id\":\"ld_bulk_" + i + "\",\"name\":\"Ana Bulk\","
                    + "\"email\":\"ana.bulk" + i + "@example.com\"}"));
        }
        await("the leads reached GHL", Duration.ofSeconds(60), this::settled);
        long bulk = calls("create-association");
        long single = calls("add-tags");
        for (int i = 0; i < leads; i++) {
            post(event("tags.added", "ld_bulk_" + i, "\"tags\":[\"Black Friday\"]"));
        }
        await("the tags reached GHL", Duration.ofSeconds(60), this::settled);

        assertThat(calls("add-tags") - single).as("single add-tags calls").isZero();
        assertThat(calls("create-association") - bulk).as("bulk calls for 150 contacts").isBetween(2L, 3L);
        for (int i = 0; i < leads; i += 37) {
            String contactId = link(EntityType.CONTACT, "ld_bulk_" + i).orElseThrow().ghlId();
            assertThat(ghl("/contacts/" + contactId).get("contact").get("tags")).extracting(JsonNode::asText)
                    .contains("black friday");
        }
    }

    @Test
    void aNoteWhoseLeadNeverReachedGhlBringsTheLeadFromCliengo() {
        ObjectNode lead = JSON.createObjectNode().put("name", "Caio Brandão").put("email", "caio.read@example.com");
        String leadId = sandbox.cliengo().createLead(lead).get("id").asText();
        long before = writes();

        post(event("note.added", leadId, "\"note\":{\"id\":\"nt_read_1\",\"content\":\"Ligar amanhã\"}"));
        await("the note reached GHL", Duration.ofSeconds(30), this::settled);

        String contactId = link(EntityType.CONTACT, leadId).orElseThrow().ghlId();
        assertThat(ghl("/contacts/" + contactId).get("contact").get("email").asText()).isEqualTo("caio.read@example.com");
        assertThat(ghl("/contacts/" + contactId + "/notes").get("notes")).hasSize(1);
        assertThat(writes() - before).isEqualTo(2);
    }

    @Test
    void aLeadWithTheEmailOfAnotherLeadIsTheSameContact() {
        int contacts = sandbox.ghl().location(LOCATION).contactCount();
        post(event("lead.created", "ld_dup_a", "\"lead\":{\"id\":\"ld_dup_a\",\"name\":\"João Silva\","
                + "\"email\":\"joao.dup@example.com\",\"phone\":\"+5511987654321\",\"tags\":[\"web\"]}"));
        post(event("lead.created", "ld_dup_b", "\"lead\":{\"id\":\"ld_dup_b\",\"name\":\"João Silva\","
                + "\"email\":\"JOAO.DUP@example.com\",\"tags\":[\"whatsapp\"]}"));
        post(event("note.added", "ld_dup_b", "\"note\":{\"id\":\"nt_dup_b\",\"content\":\"Llamar\"}"));

        await("both leads and the note reached GHL", Duration.ofSeconds(30), this::settled);
        assertThat(sandbox.ghl().location(LOCATION).contactCount() - contacts).isEqualTo(1);
        // the two leads run in parallel (different ordering keys): either may hold the contact's main link
        Link main = link(EntityType.CONTACT, "ld_dup_a").or(() -> link(EntityType.CONTACT, "ld_dup_b")).orElseThrow();
        String other = main.key().sourceId().equals("ld_dup_a") ? "ld_dup_b" : "ld_dup_a";
        assertThat(database().links().find(new LinkKey("cliengo-duplicate", EntityType.CONTACT, LOCATION, other)))
                .hasValueSatisfying(duplicate -> assertThat(duplicate.ghlId()).startsWith(main.ghlId() + "#"));
        assertThat(ghl("/contacts/" + main.ghlId() + "/notes").get("notes")).hasSize(1);
        // the second lead's tags were added, never replacing the first one's
        assertThat(ghl("/contacts/" + main.ghlId()).get("contact").get("tags")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("web", "whatsapp", "cliengo");
        assertThat(link(EntityType.NOTE, "nt_dup_b")).isPresent();
    }

    @Test
    void aLeadTheMappingRefusesIsADeadLetterWithTheFieldAndItsBatchReplaysOnceTheMappingIsFixed() throws Exception {
        long before = writes();
        post(event("lead.created", "ld_poison", "\"lead\":{\"id\":\"ld_poison\",\"name\":\"Bo\","
                + "\"email\":\"bo.poison@example.com\",\"status\":\"archived\"}"));
        post(event("note.added", "ld_poison", "\"note\":{\"id\":\"nt_poison\",\"content\":\"Llamar\"}"));

        await("the batch is a dead letter", Duration.ofSeconds(30),
                () -> http("GET", "/admin/dead-letters").json().get("total").asLong() == 1);
        JsonNode letter = http("GET", "/admin/dead-letters").json().get("deadLetters").get(0);
        assertThat(letter.get("route").asText()).isEqualTo("cliengo-lead");
        assertThat(letter.get("errorField").asText()).isEqualTo("customFields.lead_status");
        assertThat(letter.get("errorMessage").asText()).contains("archived");
        assertThat(writes() - before).isZero();

        Path mapping = mappings().resolve("cliengo-lead-to-ghl-contact.yaml");
        Files.writeString(mapping, Files.readString(mapping).replace("      lost: lost\n", "      lost: lost\n      archived: lost\n"));
        JsonNode poisonLead = JSON.readTree("{\"id\":\"ld_poison\",\"name\":\"Bo\",\"email\":\"bo.poison@example.com\","
                + "\"status\":\"archived\"}");
        await("the fixed mapping is loaded", Duration.ofSeconds(20), () -> context.getRegistry()
                .lookupByNameAndType("mappings", io.ghlsync.mapping.Mappings.class).registry()
                .apply("cliengo-lead-to-ghl-contact", poisonLead,
                        io.ghlsync.mapping.MappingContext.of(java.util.Map.of("locationId", LOCATION))).isOk());
        Answer replay = http("POST", "/admin/dead-letters/" + letter.get("id").asLong() + "/replay");
        assertThat(replay.status()).as("%s", replay.json()).isEqualTo(200);
        await("the replayed batch reached GHL", Duration.ofSeconds(30),
                () -> link(EntityType.NOTE, "nt_poison").isPresent() && settled());
        assertThat(writes() - before).as("create with tags, and the note").isEqualTo(2);
    }

    private JsonNode ghlTask(String contactId, String taskId) {
        return ghl("/contacts/" + contactId + "/tasks/" + taskId).get("task");
    }
}
