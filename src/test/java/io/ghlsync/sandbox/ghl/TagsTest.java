package io.ghlsync.sandbox.ghl;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.ghlsync.sandbox.ghl.SandboxHttp.LOCATION;
import static io.ghlsync.sandbox.ghl.SandboxHttp.obj;
import static org.assertj.core.api.Assertions.assertThat;

/** Tags in create/update/upsert replace; the tag endpoints and bulk tags add and remove without overwriting. */
class TagsTest extends SandboxTest {

    private List<String> tagsOf(String contactId) {
        List<String> tags = new ArrayList<>();
        sandbox.get("/contacts/" + contactId).json().at("/contact/tags").forEach(t -> tags.add(t.asText()));
        return tags;
    }

    @Test
    void createUpdateAndUpsertReplaceAllTags() {
        String id = sandbox.createContact(Map.of("email", "t@example.com", "tags", List.of("a", "b")));
        assertThat(tagsOf(id)).containsExactly("a", "b");
        sandbox.put("/contacts/" + id, obj("tags", List.of("c")));
        assertThat(tagsOf(id)).containsExactly("c");
        sandbox.post("/contacts/upsert", obj("locationId", LOCATION, "email", "t@example.com", "tags", List.of("d", "e")));
        assertThat(tagsOf(id)).containsExactly("d", "e");
        sandbox.put("/contacts/" + id, obj("firstName", "NoTags"));
        assertThat(tagsOf(id)).as("an update without tags keeps them").containsExactly("d", "e");
    }

    @Test
    void tagEndpointsAddAndRemoveCaseInsensitively() {
        String id = sandbox.createContact(Map.of("tags", List.of("Lead")));
        SandboxHttp.Answer added = sandbox.post("/contacts/" + id + "/tags", obj("tags", List.of("vip", " lead ", "VIP")));
        assertThat(added.status()).isEqualTo(201);
        assertThat(added.json().get("tags")).extracting(JsonNode::asText).containsExactly("Lead", "vip");
        SandboxHttp.Answer removed = sandbox.delete("/contacts/" + id + "/tags", obj("tags", List.of("LEAD")));
        assertThat(removed.status()).isEqualTo(200);
        assertThat(removed.json().get("tags")).extracting(JsonNode::asText).containsExactly("vip");
        assertThat(tagsOf(id)).containsExactly("vip");
    }

    @Test
    void bulkTagsAddAndRemoveForManyContactsAndReportUnknownOnes() {
        String one = sandbox.createContact(Map.of("email", "1@example.com", "tags", List.of("keep")));
        String two = sandbox.createContact(Map.of("email", "2@example.com"));
        SandboxHttp.Answer add = sandbox.post("/contacts/bulk/tags/update/add",
                obj("locationId", LOCATION, "contacts", List.of(one, two, "missing"), "tags", List.of("webinar")));
        assertThat(add.status()).isEqualTo(201);
        assertThat(add.json().get("errorCount").asInt()).isEqualTo(1);
        assertThat(add.json().get("succeded").asBoolean()).isFalse();
        assertThat(add.json().at("/responses/0/tagsAdded/0").asText()).isEqualTo("webinar");
        assertThat(add.json().at("/responses/2/type").asText()).isEqualTo("error");
        assertThat(tagsOf(one)).containsExactly("keep", "webinar");
        assertThat(tagsOf(two)).containsExactly("webinar");

        SandboxHttp.Answer remove = sandbox.post("/contacts/bulk/tags/update/remove",
                obj("locationId", LOCATION, "contacts", List.of(one, two), "tags", List.of("WEBINAR")));
        assertThat(remove.json().get("succeded").asBoolean()).isTrue();
        assertThat(tagsOf(one)).containsExactly("keep");
        assertThat(tagsOf(two)).isEmpty();

        sandbox.post("/contacts/bulk/tags/update/remove", obj("locationId", LOCATION, "contacts", List.of(one), "tags", List.of(),
                "removeAllTags", true));
        assertThat(tagsOf(one)).isEmpty();
    }

    @Test
    void bulkTagsRefuseAnUnknownTypeAndAnotherLocation() {
        String id = sandbox.createContact(Map.of("email", "x@example.com"));
        SandboxHttp.Answer badType = sandbox.post("/contacts/bulk/tags/update/toggle",
                obj("locationId", LOCATION, "contacts", List.of(id), "tags", List.of("x")));
        assertThat(badType.status()).isEqualTo(422);
        SandboxHttp.Answer otherLocation = sandbox.post("/contacts/bulk/tags/update/add",
                obj("locationId", "somewhere-else", "contacts", List.of(id), "tags", List.of("x")));
        assertThat(otherLocation.status()).isEqualTo(403);
        assertThat(tagsOf(id)).isEmpty();
    }
}
