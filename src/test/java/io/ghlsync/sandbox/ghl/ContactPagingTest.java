package io.ghlsync.sandbox.ghl;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** GET /contacts/ pages a location exactly once through, following startAfter + startAfterId, as a backfill does. */
class ContactPagingTest extends SandboxTest {

    @Test
    void pagingThrough1050ContactsReturnsEachExactlyOnce() {
        sandbox.ghl.seed(SandboxHttp.LOCATION, new ContactSeeder.Plan(1050, 0, 0, 0, 0));
        List<String> seen = new ArrayList<>();
        String query = "/contacts/?locationId=" + SandboxHttp.LOCATION + "&limit=100";
        int pages = 0;
        long previousStartAfter = Long.MIN_VALUE;
        while (true) {
            SandboxHttp.Answer answer = sandbox.get(query);
            assertThat(answer.status()).isEqualTo(200);
            JsonNode contacts = answer.json().get("contacts");
            if (contacts.isEmpty()) {
                break;
            }
            pages++;
            contacts.forEach(c -> seen.add(c.get("id").asText()));
            JsonNode meta = answer.json().get("meta");
            assertThat(meta.get("total").asInt()).isEqualTo(1050);
            assertThat(meta.get("currentPage").asInt()).isEqualTo(pages);
            assertThat(meta.get("startAfterId").asText()).isEqualTo(contacts.get(contacts.size() - 1).get("id").asText());
            assertThat(meta.get("startAfter").asLong()).isGreaterThanOrEqualTo(previousStartAfter);
            previousStartAfter = meta.get("startAfter").asLong();
            query = "/contacts/?locationId=" + SandboxHttp.LOCATION + "&limit=100&startAfter=" + meta.get("startAfter").asLong()
                    + "&startAfterId=" + meta.get("startAfterId").asText();
        }
        assertThat(pages).isEqualTo(11);
        assertThat(seen).hasSize(1050);
        assertThat(new HashSet<>(seen)).hasSize(1050);
    }

    @Test
    void followingNextPageUrlVisitsEveryContactAndTheLastPageHasNone() {
        sandbox.ghl.seed(SandboxHttp.LOCATION, new ContactSeeder.Plan(45, 0, 0, 0, 0));
        Set<String> seen = new HashSet<>();
        String url = sandbox.ghlBase() + "/contacts/?locationId=" + SandboxHttp.LOCATION + "&limit=20";
        int pages = 0;
        while (url != null) {
            SandboxHttp.Answer answer = sandbox.send("GET", url.replace("localhost", "127.0.0.1"),
                    Map.of("Authorization", "Bearer " + SandboxHttp.TOKEN, "Version", "2021-07-28"), null);
            assertThat(answer.status()).isEqualTo(200);
            answer.json().get("contacts").forEach(c -> assertThat(seen.add(c.get("id").asText())).isTrue());
            JsonNode meta = answer.json().get("meta");
            pages++;
            if (pages == 1) {
                assertThat(meta.get("prevPage").isNull()).isTrue();
                assertThat(meta.get("nextPage").asInt()).isEqualTo(2);
            }
            url = meta.hasNonNull("nextPageUrl") ? meta.get("nextPageUrl").asText() : null;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(seen).hasSize(45);
    }

    @Test
    void contactsAddedDuringABackfillArriveAtItsEnd() {
        sandbox.ghl.seed(SandboxHttp.LOCATION, new ContactSeeder.Plan(30, 0, 0, 0, 0));
        SandboxHttp.Answer first = sandbox.get("/contacts/?locationId=" + SandboxHttp.LOCATION + "&limit=20");
        String late = sandbox.createContact(Map.of("email", "late@example.com"));
        JsonNode meta = first.json().get("meta");
        SandboxHttp.Answer second = sandbox.get("/contacts/?locationId=" + SandboxHttp.LOCATION + "&limit=20&startAfter="
                + meta.get("startAfter").asLong() + "&startAfterId=" + meta.get("startAfterId").asText());
        JsonNode contacts = second.json().get("contacts");
        assertThat(contacts).hasSize(11);
        assertThat(contacts.get(10).get("id").asText()).isEqualTo(late);
    }

    @Test
    void defaultLimitIsTwentyAndMoreThanHundredIsRefused() {
        sandbox.ghl.seed(SandboxHttp.LOCATION, new ContactSeeder.Plan(25, 0, 0, 0, 0));
        assertThat(sandbox.get("/contacts/?locationId=" + SandboxHttp.LOCATION).json().get("contacts")).hasSize(20);
        SandboxHttp.Answer tooMany = sandbox.get("/contacts/?locationId=" + SandboxHttp.LOCATION + "&limit=101");
        assertThat(tooMany.status()).isEqualTo(422);
        assertThat(tooMany.json().get("message").get(0).asText()).contains("limit must not be greater than 100");
        SandboxHttp.Answer noLocation = sandbox.get("/contacts/");
        assertThat(noLocation.status()).isEqualTo(422);
        assertThat(noLocation.raw()).contains("locationId should not be empty");
    }

    @Test
    void queryFiltersAndCountsOnlyMatchingContacts() {
        sandbox.createContact(Map.of("firstName", "Zelda", "email", "zelda@example.com"));
        sandbox.createContact(Map.of("firstName", "Mario", "email", "mario@example.com"));
        SandboxHttp.Answer answer = sandbox.get("/contacts/?locationId=" + SandboxHttp.LOCATION + "&query=zel");
        assertThat(answer.json().get("contacts")).hasSize(1);
        assertThat(answer.json().get("contacts").get(0).get("email").asText()).isEqualTo("zelda@example.com");
        assertThat(answer.json().get("meta").get("total").asInt()).isEqualTo(1);
    }

    @Test
    void businessListingUsesLimitAndSkip() {
        ContactSeeder.Result seeded = sandbox.ghl.seed(SandboxHttp.LOCATION, new ContactSeeder.Plan(30, 0, 0, 0, 3));
        String business = seeded.businessIds().get(0);
        SandboxHttp.Answer all = sandbox.get("/contacts/business/" + business + "?locationId=" + SandboxHttp.LOCATION + "&limit=100");
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.json().get("count").asInt()).isEqualTo(10);
        all.json().get("contacts").forEach(c -> assertThat(c.get("businessId").asText()).isEqualTo(business));
        SandboxHttp.Answer page = sandbox.get("/contacts/business/" + business + "?locationId=" + SandboxHttp.LOCATION + "&limit=4&skip=8");
        assertThat(page.json().get("contacts")).hasSize(2);
        assertThat(page.json().get("contacts").get(1).get("id")).isEqualTo(all.json().get("contacts").get(9).get("id"));
    }
}
