package io.ghlsync.ghl;

import io.ghlsync.sandbox.ghl.DuplicateRule;
import io.ghlsync.sandbox.ghl.GhlSandbox;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The location's "Allow Duplicate Contact" rule, as the component meets it through create and upsert. */
class DuplicateRuleTest extends GhlSandboxTestSupport {

    @Test
    void createRefusesADuplicateWhenTheLocationDoesNotAllowThem() {
        String first = contactId(ok(call("create-contact", Map.of(), Map.of("firstName", "Ana", "email", "ana@example.com"))));
        Exchange second = call("create-contact", Map.of(), Map.of("firstName", "Ana B", "email", "ana@example.com"));

        assertThat(second.getException()).isInstanceOf(GhlApiException.class);
        GhlApiException refused = (GhlApiException) second.getException();
        assertThat(refused.getStatusCode()).isEqualTo(400);
        assertThat(refused.getResponseBody()).contains(first);
        assertThat(total()).isEqualTo(1);
    }

    @Test
    void upsertUpdatesTheContactMatchedByEmailThenByPhone() {
        String byEmail = contactId(ok(call("create-contact", Map.of(), Map.of("firstName", "Ana", "email", "ana@example.com"))));
        String byPhone = contactId(ok(call("create-contact", Map.of(), Map.of("firstName", "Bo", "phone", "+5491155550001"))));

        Map<String, Object> a = ok(call("upsert-contact", Map.of(), Map.of("email", "ana@example.com", "lastName", "Ruiz")));
        Map<String, Object> b = ok(call("upsert-contact", Map.of(), Map.of("phone", "+5491155550001", "lastName", "Li")));

        assertThat(a.get("new")).isEqualTo(false);
        assertThat(contactId(a)).isEqualTo(byEmail);
        assertThat(b.get("new")).isEqualTo(false);
        assertThat(contactId(b)).isEqualTo(byPhone);
        assertThat(total()).isEqualTo(2);
    }

    @Test
    void upsertCreatesWhenNothingMatches() {
        Map<String, Object> created = ok(call("upsert-contact", Map.of(), Map.of("email", "new@example.com")));
        assertThat(created.get("new")).isEqualTo(true);
        assertThat(total()).isEqualTo(1);
    }

    @Test
    void createMakesASecondContactWhenTheLocationAllowsDuplicates() {
        ghlSandbox().duplicateRule(GhlSandbox.DEFAULT_LOCATION_ID,
                new DuplicateRule(true, List.of(DuplicateRule.MatchField.EMAIL, DuplicateRule.MatchField.PHONE)));
        ok(call("create-contact", Map.of(), Map.of("email", "ana@example.com")));
        ok(call("create-contact", Map.of(), Map.of("email", "ana@example.com")));
        assertThat(total()).isEqualTo(2);
    }

    private long total() {
        Map<String, Object> page = ok(call("get-contacts", Map.of("limit", 100), null));
        return ((Number) ((Map<?, ?>) page.get("meta")).get("total")).longValue();
    }

    static String contactId(Map<String, Object> answer) {
        return (String) ((Map<?, ?>) answer.get("contact")).get("id");
    }
}
