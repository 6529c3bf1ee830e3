package io.ghlsync.sandbox.ghl;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.ghlsync.sandbox.ghl.SandboxHttp.LOCATION;
import static io.ghlsync.sandbox.ghl.SandboxHttp.obj;
import static org.assertj.core.api.Assertions.assertThat;

/** POST /contacts/search: filters, page numbers capped at 10,000 results, searchAfter beyond. */
class ContactSearchTest extends SandboxTest {

    @Test
    void filtersOnEmailPhoneTagsAndBusiness() {
        String a = sandbox.createContact(Map.of("email", "a@example.com", "phone", "+14155550001", "tags", List.of("vip")));
        String b = sandbox.createContact(Map.of("email", "b@example.com", "tags", List.of("lead")));
        sandbox.post("/contacts/bulk/business", obj("locationId", LOCATION, "ids", List.of(b), "businessId", "biz"));

        assertThat(ids(search(filter("email", "eq", "A@example.com")))).containsExactly(a);
        assertThat(ids(search(filter("phone", "eq", "+1 415 555 0001")))).containsExactly(a);
        assertThat(ids(search(filter("tags", "eq", List.of("lead", "other"))))).containsExactly(b);
        assertThat(ids(search(filter("businessId", "eq", "biz")))).containsExactly(b);
        assertThat(ids(search(Map.of("group", "OR", "filters", List.of(filter("email", "eq", "a@example.com"),
                filter("tags", "eq", "lead")))))).containsExactlyInAnyOrder(a, b);
        SandboxHttp.Answer answer = sandbox.post("/contacts/search", obj("locationId", LOCATION, "filters", List.of(filter("email", "exists", null))));
        assertThat(answer.json().get("total").asInt()).isEqualTo(2);
        assertThat(answer.json().at("/contacts/0/searchAfter")).hasSize(2);
    }

    @Test
    void pageNumbersStopAt10000ResultsAndSearchAfterGoesFurther() {
        sandbox.ghl.seed(LOCATION, new ContactSeeder.Plan(1200, 0, 0, 0, 0));
        SandboxHttp.Answer capped = sandbox.post("/contacts/search", obj("locationId", LOCATION, "page", 21, "pageLimit", 500));
        assertThat(capped.status()).isEqualTo(400);
        assertThat(capped.json().get("message").asText()).contains("10000");

        Set<String> seen = new HashSet<>();
        JsonNode searchAfter = null;
        while (true) {
            var body = obj("locationId", LOCATION, "pageLimit", 500);
            if (searchAfter != null) {
                body.set("searchAfter", searchAfter);
            }
            JsonNode contacts = sandbox.post("/contacts/search", body).json().get("contacts");
            if (contacts.isEmpty()) {
                break;
            }
            contacts.forEach(c -> assertThat(seen.add(c.get("id").asText())).isTrue());
            searchAfter = contacts.get(contacts.size() - 1).get("searchAfter");
        }
        assertThat(seen).hasSize(1200);
    }

    @Test
    void unsupportedFiltersAreRefusedWithAReason() {
        SandboxHttp.Answer answer = sandbox.post("/contacts/search", obj("locationId", LOCATION,
                "filters", List.of(filter("favouriteColour", "eq", "red"))));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("message").asText()).contains("favouriteColour");
    }

    private static Map<String, Object> filter(String field, String operator, Object value) {
        Map<String, Object> filter = new java.util.HashMap<>();
        filter.put("field", field);
        filter.put("operator", operator);
        filter.put("value", value);
        return filter;
    }

    private static JsonNode search(Map<String, Object> filter) {
        SandboxHttp.Answer answer = sandbox.post("/contacts/search", obj("locationId", LOCATION, "filters", List.of(filter)));
        assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
        return answer.json();
    }

    private static List<String> ids(JsonNode answer) {
        return java.util.stream.StreamSupport.stream(answer.get("contacts").spliterator(), false).map(c -> c.get("id").asText()).toList();
    }
}
