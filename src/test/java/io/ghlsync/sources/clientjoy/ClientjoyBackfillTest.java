package io.ghlsync.sources.clientjoy;

import com.fasterxml.jackson.databind.JsonNode;
import io.ghlsync.sandbox.clientjoy.ClientjoySandbox;
import io.ghlsync.sandbox.ghl.ContactSeeder;
import io.ghlsync.sandbox.ghl.GhlSandbox;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The backfill in the engine (POST /admin/backfill, the shipped routes) against the GHL and Clientjoy sandboxes: every
 * contact with its task, note and appointment copied once, a second run writing nothing, a business alone, progress.
 */
class ClientjoyBackfillTest extends ClientjoyEngineTestSupport {

    static final String LOCATION = GhlSandbox.DEFAULT_LOCATION_ID;

    @Test
    void everyContactWithItsTaskNoteAndAppointmentIsCopiedOnceAndARerunWritesNothing() {
        ContactSeeder.Result seeded = sandbox.ghl().seed(LOCATION, new ContactSeeder.Plan(240, 1, 1, 1, 3));

        Answer started = http("POST", "/admin/backfill");
        assertThat(started.status()).as(started.raw().body()).isEqualTo(202);
        JsonNode done = awaitDone("");
        assertThat(done.get("copied").asInt()).isEqualTo(240);
        assertThat(done.get("total").asInt()).isEqualTo(240);
        assertThat(done.get("percent").asDouble()).isEqualTo(100.0);
        assertThat(http("GET", "/observe/metrics").raw().body())
                .contains("ghlsync_backfill_copied{business=\"\",location=\"sandbox-location\"} 240.0")
                .contains("ghlsync_backfill_expected{business=\"\",location=\"sandbox-location\"} 240.0");

        ClientjoySandbox clientjoy = sandbox.clientjoy();
        assertThat(clientjoy.clientCount()).isEqualTo(240);
        assertThat(clientjoy.taskCount()).isEqualTo(240);
        assertThat(clientjoy.noteCount()).isEqualTo(240);
        assertThat(clientjoy.activityCount()).isEqualTo(240);
        assertThat(clientjoy.writes("client.created")).isEqualTo(240);
        assertThat(clientjoy.writes("client.updated")).isZero();
        Set<String> externalIds = new HashSet<>();
        for (JsonNode contact : new GhlClient(sandbox.ghlBaseUrl()).contacts()) {
            JsonNode client = clientjoy.clientByExternalId(contact.get("id").asText());
            assertThat(client.get("email").asText()).isEqualTo(contact.get("email").asText());
            externalIds.add(client.get("external_id").asText());
        }
        assertThat(externalIds).hasSize(240);
        assertThat(seeded.contacts()).isEqualTo(240);

        long writes = clientjoy.writes("client.created") + clientjoy.writes("task.created");
        long ghlCallsBefore = sandbox.ghl().ledger().requests(LOCATION, "get-all-tasks");
        assertThat(http("POST", "/admin/backfill").status()).isEqualTo(202);
        awaitDone("");
        assertThat(clientjoy.writes("client.created") + clientjoy.writes("task.created")).isEqualTo(writes);
        assertThat(clientjoy.writes("client.updated")).as("unchanged contacts are not written again").isZero();
        assertThat(clientjoy.requests("PUT /clients/external/{externalId}")).isEqualTo(240);
        assertThat(sandbox.ghl().ledger().requests(LOCATION, "get-all-tasks")).isEqualTo(ghlCallsBefore);
    }

    @Test
    void aBusinessBackfillCopiesOnlyThatBusinessesContacts() {
        ContactSeeder.Result seeded = sandbox.ghl().seed(LOCATION, new ContactSeeder.Plan(150, 0, 1, 0, 3));
        String business = seeded.businessIds().get(1);
        List<String> ofBusiness = new GhlClient(sandbox.ghlBaseUrl()).businessContactIds(business);
        assertThat(ofBusiness).hasSize(50);

        assertThat(http("POST", "/admin/backfill?businessId=" + business).status()).isEqualTo(202);
        JsonNode done = awaitDone("?businessId=" + business);
        assertThat(done.get("copied").asInt()).isEqualTo(50);

        assertThat(sandbox.clientjoy().clientCount()).isEqualTo(50);
        ofBusiness.forEach(id -> assertThat(sandbox.clientjoy().clientByExternalId(id)).isNotNull());
        assertThat(sandbox.clientjoy().noteCount()).isEqualTo(50);
        assertThat(http("GET", "/admin/backfill").status()).as("the whole location never ran").isEqualTo(404);
    }

    @Test
    void contactsClientjoyRefusesAreDeadLettersWithTheStatusAndAReplayAfterTheFixCopiesThem() {
        sandbox.ghl().seed(LOCATION, new ContactSeeder.Plan(5, 1, 0, 0, 0));
        sandbox.clientjoy().apiKey("rotated-key"); // the engine still sends the old one: Clientjoy answers 401

        assertThat(http("POST", "/admin/backfill").status()).isEqualTo(202);
        assertThat(awaitDone("").get("copied").asInt()).as("the backfill goes on past refused contacts").isEqualTo(5);
        JsonNode letters = http("GET", "/admin/dead-letters?route=ghl-contact-to-clientjoy").json();
        assertThat(letters.get("total").asInt()).isEqualTo(5);
        letters.get("deadLetters").forEach(letter -> assertThat(letter.get("httpStatus").asInt()).isEqualTo(401));
        assertThat(sandbox.clientjoy().clientCount()).isZero();

        sandbox.clientjoy().apiKey(ClientjoySandbox.DEFAULT_API_KEY);
        Answer replay = http("POST", "/admin/dead-letters/replay?route=ghl-contact-to-clientjoy");
        assertThat(replay.json().get("replayed").asInt()).as(replay.raw().body()).isEqualTo(5);
        assertThat(sandbox.clientjoy().clientCount()).isEqualTo(5);
        assertThat(sandbox.clientjoy().taskCount()).isEqualTo(5);
    }

    @Test
    void badRequestsAreRefusedWithTheirReason() {
        Answer unknown = http("POST", "/admin/backfill?business=x");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("field").asText()).isEqualTo("business");
        Answer badId = http("POST", "/admin/backfill?businessId=a/b");
        assertThat(badId.status()).isEqualTo(400);
        assertThat(badId.json().get("field").asText()).isEqualTo("businessId");
        assertThat(http("POST", "/admin/backfill", "ops", "wrong").status()).isEqualTo(401);
        assertThat(sandbox.clientjoy().clientCount()).isZero();
    }

    private JsonNode awaitDone(String query) {
        JsonNode[] last = new JsonNode[1];
        await("the backfill is done", Duration.ofSeconds(90), () -> {
            Answer answer = http("GET", "/admin/backfill" + query);
            last[0] = answer.json();
            assertThat(answer.json().path("state").asText()).isNotIn("failed", "interrupted");
            return answer.status() == 200 && "done".equals(answer.json().path("state").asText());
        });
        return last[0];
    }
}
