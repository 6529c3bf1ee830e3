package io.ghlsync.sources.cliengo;

import com.fasterxml.jackson.databind.JsonNode;
import io.ghlsync.Settings;
import io.ghlsync.state.EntityType;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an update of a known lead costs in GHL calls, counted per operation by the GHL sandbox's call ledger (issue 9,
 * scenario 2: at most 1): changed fields with the same tags cost one upsert and no add-tags; a new tag alone costs one
 * add-tags and no upsert; tags are only ever added (a tag a GHL user added stays); a tag removed and then given back to
 * the lead in Cliengo reaches GHL again; a tag the bulk call added is not added again by the lead's next update.
 */
class LeadUpdateCallsTest extends CliengoEngineTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Override
    protected Settings settings() {
        // these events name leads the Cliengo sandbox does not hold: no write-back (CliengoEnrichmentTest has it)
        return super.settings().override("cliengo.enrich.enabled", "false");
    }

    @Test
    void anUpdatedLeadWithTheSameTagsCostsOneUpsertAndNoAddTags() {
        String lead = lead("ld_upd_1", "Valentina Ruiz", "valentina.upd@example.com", "\"VIP\",\"promo\"");
        String contactId = created("ld_upd_1", lead);
        Map<String, Long> before = ledger();

        post(event("lead.updated", "ld_upd_1", "\"lead\":" + lead.replace("Valentina Ruiz", "Valentina Ruiz Soto")));
        await("the update was processed", WAIT, this::settled);

        assertTheOnlyWriteWas("upsert-contact", before);
        JsonNode contact = ghl("/contacts/" + contactId).get("contact");
        assertThat(contact.get("lastName").asText()).isEqualTo("Ruiz Soto");
        assertThat(contact.get("tags")).extracting(JsonNode::asText).containsExactlyInAnyOrder("vip", "promo", "cliengo");
    }

    @Test
    void aNewTagOnAnUnchangedLeadCostsOneAddTagsAndNeverReplacesGhlsOwnTags() {
        String lead = lead("ld_upd_2", "Tomás Herrera", "tomas.upd@example.com", "\"demo\"");
        String contactId = created("ld_upd_2", lead);
        // a GHL user tags the contact in GHL: ghl-sync must never take that tag away
        ghlAddTag(contactId, "ghl-only");
        Map<String, Long> before = ledger();

        post(event("lead.updated", "ld_upd_2", "\"lead\":" + lead.replace("\"demo\"", "\"demo\",\"Caliente\"")));
        await("the new tag was processed", WAIT, this::settled);

        assertTheOnlyWriteWas("add-tags", before);
        assertTags(contactId, "demo", "caliente", "cliengo", "ghl-only");

        // and then a changed field: the upsert carries no tags, so GHL's own tag and the new one stay
        post(event("lead.updated", "ld_upd_2", "\"lead\":" + lead.replace("\"demo\"", "\"demo\",\"Caliente\"")
                .replace("Tomás Herrera", "Tomás Herrera Vidal")));
        await("the changed field was processed", WAIT, this::settled);
        assertTags(contactId, "demo", "caliente", "cliengo", "ghl-only");
    }

    @Test
    void aTagRemovedAndThenGivenBackToTheLeadReachesGhlAgain() {
        String lead = lead("ld_upd_3", "Bruna Costa", "bruna.upd@example.com", "\"demo\",\"promo\"");
        String contactId = createdThenTagged("ld_upd_3", lead, "tags.removed", "Promo", "demo", "cliengo");

        // the lead as Cliengo now sends it carries the tag again: the tags as first written, but GHL lacks one
        post(event("lead.updated", "ld_upd_3", "\"lead\":" + lead));
        await("the lead was processed", WAIT, this::settled);
        assertTags(contactId, "demo", "promo", "cliengo");
    }

    @Test
    void aTagAddedInABatchOfItsOwnIsNotAddedAgainByTheLeadsNextUpdate() {
        String lead = lead("ld_upd_4", "Camila Rocha", "camila.upd@example.com", "\"vip\"");
        // tags.added alone (its lead event came in an earlier window): the bulk tags call adds it
        String contactId = createdThenTagged("ld_upd_4", lead, "tags.added", "Caliente", "vip", "caliente", "cliengo");
        Map<String, Long> before = ledger();

        // the lead as Cliengo sends it next: a new name, and the tag it was given
        post(event("lead.updated", "ld_upd_4", "\"lead\":" + lead.replace("\"vip\"", "\"vip\",\"Caliente\"")
                .replace("Camila Rocha", "Camila Rocha Lima")));
        await("the update was processed", WAIT, this::settled);

        assertTheOnlyWriteWas("upsert-contact", before);
    }

    // ---- helpers ----

    /** A lead of its own person (own email, no phone: GHL's duplicate rule must not fold two tests' leads into one). */
    private static String lead(String id, String name, String email, String tags) {
        return "{\"id\":\"" + id + "\",\"name\":\"" + name + "\",\"email\":\"" + email + "\","
                + "\"status\":\"new\",\"tags\":[" + tags + "]}";
    }

    /** Posts lead.created and waits until the lead is in GHL; its contact id. */
    private String created(String leadId, String lead) {
        post(event("lead.created", leadId, "\"lead\":" + lead));
        await("the new lead reached GHL", WAIT, () -> settled() && link(EntityType.CONTACT, leadId).isPresent());
        return link(EntityType.CONTACT, leadId).orElseThrow().ghlId();
    }

    /** A new lead, then a tags.added or tags.removed event of one tag; its contact id, once GHL holds these tags. */
    private String createdThenTagged(String leadId, String lead, String type, String tag, String... tagsInGhl) {
        String contactId = created(leadId, lead);
        post(event(type, leadId, "\"tags\":[\"" + tag + "\"]"));
        await(type + " reached GHL", WAIT, this::settled);
        assertTags(contactId, tagsInGhl);
        return contactId;
    }

    /** The contact's tags in GHL are exactly these. */
    private void assertTags(String contactId, String... tags) {
        assertThat(ghl("/contacts/" + contactId).get("contact").get("tags")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder(tags);
    }

    /** The ledger's count of every GHL write operation of the Cliengo flow. */
    private static Map<String, Long> ledger() {
        Map<String, Long> out = new LinkedHashMap<>();
        WRITES.forEach(op -> out.put(op, calls(op)));
        return out;
    }

    /** Since {@code before}, the ledger counted exactly one GHL write: one call of {@code operation}. */
    private static void assertTheOnlyWriteWas(String operation, Map<String, Long> before) {
        Map<String, Long> spent = new LinkedHashMap<>();
        ledger().forEach((op, n) -> spent.put(op, n - before.get(op)));
        assertThat(spent).as("GHL writes per operation").containsEntry(operation, 1L);
        assertThat(spent.values().stream().mapToLong(Long::longValue).sum()).as("GHL writes in all: %s", spent).isEqualTo(1);
    }

    /** POST /contacts/{id}/tags on the GHL sandbox, as a GHL user's edit would. */
    private void ghlAddTag(String contactId, String tag) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(sandbox.ghlBaseUrl() + "/contacts/" + contactId + "/tags"))
                .header("Authorization", "Bearer sandbox-token").header("Version", "2021-07-28")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"tags\":[\"" + tag + "\"]}")).build();
        assertThat(send(request).statusCode()).isBetween(200, 201);
    }
}
