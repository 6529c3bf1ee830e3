package io.ghlsync.ghl;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** As in GHL: tags in create/update/upsert replace all tags; the tags endpoints add and remove. */
class TagSemanticsTest extends GhlSandboxTestSupport {

    @Test
    void tagsEndpointAddsAndRemovesWhileUpdateReplaces() {
        String id = DuplicateRuleTest.contactId(ok(call("create-contact", Map.of(),
                Map.of("email", "tags@example.com", "tags", List.of("lead")))));

        ok(call("add-tags", Map.of("contactId", id), Map.of("tags", List.of("vip", "web"))));
        assertThat(tags(id)).containsExactlyInAnyOrder("lead", "vip", "web");

        ok(call("remove-tags", Map.of("contactId", id), Map.of("tags", List.of("web"))));
        assertThat(tags(id)).containsExactlyInAnyOrder("lead", "vip");

        ok(call("update-contact", Map.of("contactId", id), Map.of("tags", List.of("customer"))));
        assertThat(tags(id)).containsExactly("customer");

        ok(call("upsert-contact", Map.of(), Map.of("email", "tags@example.com", "tags", List.of("again"))));
        assertThat(tags(id)).containsExactly("again");
    }

    @Test
    void bulkTagsAddToManyContactsAtOnce() {
        String a = DuplicateRuleTest.contactId(ok(call("create-contact", Map.of(), Map.of("email", "a@example.com", "tags", List.of("x")))));
        String b = DuplicateRuleTest.contactId(ok(call("create-contact", Map.of(), Map.of("email", "b@example.com"))));

        ok(call("create-association", Map.of("type", "add"), Map.of("contacts", List.of(a, b), "tags", List.of("campaign"))));
        assertThat(tags(a)).containsExactlyInAnyOrder("x", "campaign");
        assertThat(tags(b)).containsExactly("campaign");
    }

    @SuppressWarnings("unchecked")
    private List<String> tags(String contactId) {
        return (List<String>) ((Map<?, ?>) ok(call("get-contact", Map.of("contactId", contactId), null)).get("contact")).get("tags");
    }
}
