package io.ghlsync.sandbox.ghl;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.ghlsync.sandbox.ghl.SandboxHttp.LOCATION;
import static io.ghlsync.sandbox.ghl.SandboxHttp.obj;
import static org.assertj.core.api.Assertions.assertThat;

/** The location's "Allow Duplicate Contact" setting, for create, upsert and the duplicate lookup. */
class DuplicateRuleTest extends SandboxTest {

    @Test
    void createRefusesADuplicateEmailWithTheMatchingContact() {
        String first = sandbox.createContact(Map.of("firstName", "Ana", "email", "ana@example.com"));
        SandboxHttp.Answer again = sandbox.post("/contacts/", obj("locationId", LOCATION, "email", "ANA@example.com"));
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.json().get("message").asText()).isEqualTo("This location does not allow duplicated contacts.");
        assertThat(again.json().at("/meta/contactId").asText()).isEqualTo(first);
        assertThat(again.json().at("/meta/matchingField").asText()).isEqualTo("email");
        assertThat(sandbox.ghl.location(LOCATION).contactCount()).isEqualTo(1);
    }

    @Test
    void createRefusesADuplicatePhoneWrittenDifferently() {
        String first = sandbox.createContact(Map.of("phone", "+1 415-555-0100"));
        SandboxHttp.Answer again = sandbox.post("/contacts/", obj("locationId", LOCATION, "phone", "+14155550100"));
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.json().at("/meta/matchingField").asText()).isEqualTo("phone");
        assertThat(again.json().at("/meta/contactId").asText()).isEqualTo(first);
    }

    @Test
    void withDuplicatesAllowedCreateAlwaysCreates() {
        sandbox.ghl.duplicateRule(LOCATION, new DuplicateRule(true, List.of(DuplicateRule.MatchField.EMAIL, DuplicateRule.MatchField.PHONE)));
        String first = sandbox.createContact(Map.of("email", "same@example.com"));
        String second = sandbox.createContact(Map.of("email", "same@example.com"));
        assertThat(second).isNotEqualTo(first);
        assertThat(sandbox.ghl.location(LOCATION).contactCount()).isEqualTo(2);
    }

    @Test
    void upsertUpdatesTheContactMatchedByEmailOrCreatesOne() {
        String existing = sandbox.createContact(Map.of("firstName", "Old", "email", "up@example.com"));
        SandboxHttp.Answer updated = sandbox.post("/contacts/upsert", obj("locationId", LOCATION, "email", "up@example.com", "firstName", "New"));
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().get("new").asBoolean()).isFalse();
        assertThat(updated.json().at("/contact/id").asText()).isEqualTo(existing);
        assertThat(updated.json().at("/contact/firstName").asText()).isEqualTo("New");

        SandboxHttp.Answer created = sandbox.post("/contacts/upsert", obj("locationId", LOCATION, "email", "other@example.com"));
        assertThat(created.json().get("new").asBoolean()).isTrue();
        assertThat(created.json().at("/contact/id").asText()).isNotEqualTo(existing);
        assertThat(sandbox.ghl.location(LOCATION).contactCount()).isEqualTo(2);
    }

    @Test
    void upsertFollowsTheConfiguredPriorityAndDropsASecondIdentifierOwnedByAnotherContact() {
        String byEmail = sandbox.createContact(Map.of("email", "e@example.com"));
        String byPhone = sandbox.createContact(Map.of("phone", "+14155550111"));

        // default priority: email first → the email contact is updated, the phone (someone else's) is ignored
        JsonNode emailFirst = sandbox.post("/contacts/upsert", obj("locationId", LOCATION, "email", "e@example.com",
                "phone", "+14155550111", "city", "Rosario")).json();
        assertThat(emailFirst.at("/contact/id").asText()).isEqualTo(byEmail);
        assertThat(emailFirst.at("/contact/city").asText()).isEqualTo("Rosario");
        assertThat(emailFirst.at("/contact/phone").isMissingNode()).isTrue();

        sandbox.control("PUT", "/locations/" + LOCATION + "/duplicate-rule", obj("matchingPriority", List.of("phone", "email")));
        JsonNode phoneFirst = sandbox.post("/contacts/upsert", obj("locationId", LOCATION, "email", "e@example.com",
                "phone", "+14155550111", "city", "Cordoba")).json();
        assertThat(phoneFirst.at("/contact/id").asText()).isEqualTo(byPhone);
        assertThat(phoneFirst.at("/contact/email").isMissingNode()).isTrue();
        assertThat(sandbox.ghl.location(LOCATION).contactCount()).isEqualTo(2);
    }

    @Test
    void upsertCreatesWhenDuplicatesAreAllowedAndAskedFor() {
        sandbox.control("PUT", "/locations/" + LOCATION + "/duplicate-rule", obj("allowDuplicates", true));
        String existing = sandbox.createContact(Map.of("email", "dup@example.com"));
        JsonNode matched = sandbox.post("/contacts/upsert", obj("locationId", LOCATION, "email", "dup@example.com")).json();
        assertThat(matched.get("new").asBoolean()).isFalse();
        assertThat(matched.at("/contact/id").asText()).isEqualTo(existing);
        JsonNode created = sandbox.post("/contacts/upsert", obj("locationId", LOCATION, "email", "dup@example.com",
                "createNewIfDuplicateAllowed", true)).json();
        assertThat(created.get("new").asBoolean()).isTrue();
        assertThat(sandbox.ghl.location(LOCATION).contactCount()).isEqualTo(2);
    }

    @Test
    void updateCannotTakeAnotherContactsEmail() {
        sandbox.createContact(Map.of("email", "taken@example.com"));
        String other = sandbox.createContact(Map.of("email", "free@example.com"));
        SandboxHttp.Answer answer = sandbox.put("/contacts/" + other, obj("email", "taken@example.com"));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().at("/meta/matchingField").asText()).isEqualTo("email");
    }

    @Test
    void duplicateLookupFindsByEmailOrPhone() {
        String id = sandbox.createContact(Map.of("email", "look@example.com", "phone", "+5493415550000"));
        SandboxHttp.Answer byEmail = sandbox.get("/contacts/search/duplicate?locationId=" + LOCATION + "&email=LOOK%40example.com");
        assertThat(byEmail.status()).isEqualTo(200);
        assertThat(byEmail.json().at("/contact/id").asText()).isEqualTo(id);
        SandboxHttp.Answer byPhone = sandbox.get("/contacts/search/duplicate?locationId=" + LOCATION + "&number=%2B5493415550000");
        assertThat(byPhone.json().at("/contact/id").asText()).isEqualTo(id);
        SandboxHttp.Answer none = sandbox.get("/contacts/search/duplicate?locationId=" + LOCATION + "&email=nobody%40example.com");
        assertThat(none.json().get("contact").isNull()).isTrue();
    }

    @Test
    void concurrentCreatesWithOneEmailMakeOneContact() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<Integer>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 16; i++) {
                results.add(pool.submit(() -> sandbox.post("/contacts/", obj("locationId", LOCATION, "email", "race@example.com")).status()));
            }
            long created = 0;
            for (java.util.concurrent.Future<Integer> result : results) {
                created += result.get() == 201 ? 1 : 0;
            }
            assertThat(created).isEqualTo(1);
            assertThat(sandbox.ghl.location(LOCATION).contactCount()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
