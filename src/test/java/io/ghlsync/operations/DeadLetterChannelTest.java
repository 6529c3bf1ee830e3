package io.ghlsync.operations;

import com.fasterxml.jackson.databind.JsonNode;
import io.ghlsync.ghl.GhlApiException;
import io.ghlsync.ghl.GhlConstants;
import io.ghlsync.ghl.GhlServerErrorException;
import io.ghlsync.state.StateStoreException;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared route configuration's dead-letter channel on routes that map and call the sandbox's GHL: a poison
 * record lands in the dead letters with what an operator needs while the next 100 go through; failures are retried
 * or not by kind, and what is kept leaves secrets and Camel's own headers out.
 */
class DeadLetterChannelTest extends EngineTestSupport {

    static final String POISON = "{\"id\": \"ld_poison\", \"name\": \"Ana\", \"email\": \"poison@example.com\", \"status\": \"archived\"}";

    @Override
    protected RoutesBuilder testRoutes() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:cliengo-leads").routeId("cliengo-leads-to-ghl").routeConfigurationId("ghl-retry-policy")
                        .process("cliengo-lead-to-ghl-contact")
                        .to("ghl:upsert-contact");
                from("direct:cliengo-refused-after-mapping").routeId("cliengo-refused-after-mapping")
                        .routeConfigurationId("ghl-retry-policy")
                        .process("cliengo-lead-to-ghl-contact")
                        .process(e -> {
                            throw new GhlApiException("upsert-contact", 400, "refused", null, null);
                        });
                from("direct:clientjoy-down").routeId("clientjoy-down").routeConfigurationId("ghl-retry-policy")
                        .process(e -> {
                            throw new GhlServerErrorException("upsert-contact", 503, "down", null, null);
                        });
                // a step failing as a read of the state database fails while it is cut off (the pool's answer)
                from("direct:clientjoy-database-cut").routeId("clientjoy-database-cut").routeConfigurationId("ghl-retry-policy")
                        .process(e -> {
                            throw new StateStoreException("cannot read the link", new SQLTransientConnectionException(
                                    "ghl-sync-state - Connection is not available, request timed out", "08001"));
                        });
                // a statement the database refused: a fault with this record, not an unreachable database
                from("direct:clientjoy-database-refused").routeId("clientjoy-database-refused")
                        .routeConfigurationId("ghl-retry-policy")
                        .process(e -> {
                            throw new StateStoreException("cannot write the link", new SQLException("value too long", "22001"));
                        });
                from("direct:clientjoy-refused").routeId("clientjoy-refused").routeConfigurationId("ghl-retry-policy")
                        .process(e -> {
                            throw new GhlApiException("upsert-contact", 422, "email must be an email", null, null);
                        });
            }
        };
    }

    private long upserts() {
        return sandbox.ghl().ledger().requests("sandbox-location", "upsert-contact");
    }

    static String lead(int i) {
        return "{\"id\": \"ld_" + i + "\", \"name\": \"Lead " + i + "\", \"email\": \"lead" + i + "@example.com\", \"status\": \"new\"}";
    }

    @Test
    void aPoisonRecordIsDeadLetteredWhileTheNextHundredGoThrough() {
        long before = upserts();
        Exchange poisoned = template.send("direct:cliengo-leads", e -> {
            e.getMessage().setBody(POISON);
            e.getMessage().setHeader("Authorization", "Bearer leaked-token");
            e.getMessage().setHeader("X-Cliengo-Signature", "sha256=abc");
            e.getMessage().setHeader("X-Api-Key", "k");
            e.getMessage().setHeader("CamelHttpUri", "http://evil.example");
            e.getMessage().setHeader(GhlConstants.LOCATION_ID, "sandbox-location");
            e.getMessage().setHeader("X-Event-Id", "ev-1");
        });
        assertThat(poisoned.getException()).as("handled by the dead-letter channel").isNull();
        for (int i = 0; i < 100; i++) {
            String record = lead(i);
            Exchange ok = template.send("direct:cliengo-leads", e -> e.getMessage().setBody(record));
            assertThat(ok.getException()).as("lead " + i).isNull();
        }
        assertThat(upserts() - before).isEqualTo(100);

        Answer list = http("GET", "/admin/dead-letters");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().get("total").asLong()).isEqualTo(1);
        JsonNode letter = list.json().get("deadLetters").get(0);
        assertThat(letter.get("route").asText()).isEqualTo("cliengo-leads-to-ghl");
        assertThat(letter.get("source").asText()).isEqualTo("cliengo");
        assertThat(letter.get("status").asText()).isEqualTo("PENDING");
        assertThat(letter.get("errorClass").asText()).isEqualTo("io.ghlsync.mapping.MappingException");
        assertThat(letter.get("errorField").asText()).isEqualTo("customFields.lead_status");
        assertThat(letter.get("errorMessage").asText()).contains("unknown value 'archived'");
        assertThat(letter.get("httpStatus").isNull()).isTrue();
        assertThat(letter.get("attempts").asInt()).isEqualTo(1);
        assertThat(letter.get("location").asText()).isEqualTo("sandbox-location");

        JsonNode full = http("GET", "/admin/dead-letters/" + letter.get("id").asLong()).json();
        assertThat(full.get("sourceRecord").toString()).isEqualTo(JSON.valueToTree(parse(POISON)).toString());
        assertThat(full.get("mappedPayload").isNull()).as("mapping refused it: nothing was mapped").isTrue();
        assertThat(full.get("replayEndpoint").asText()).isEqualTo("direct://cliengo-leads");
        assertThat(full.get("headers").properties()).extracting(Map.Entry::getKey)
                .containsExactlyInAnyOrder(GhlConstants.LOCATION_ID, "X-Event-Id");
        assertThat(full.toString()).doesNotContain("leaked-token").doesNotContain("evil.example");
    }

    @Test
    void aRetryableFailureIsDeadLetteredAfterTheRetriesWithItsAttemptsAndStatus() {
        template.sendBody("direct:clientjoy-down", "{\"id\": \"c-1\"}");
        JsonNode letter = only("clientjoy-down");
        assertThat(letter.get("errorClass").asText()).isEqualTo(GhlServerErrorException.class.getName());
        assertThat(letter.get("httpStatus").asInt()).isEqualTo(503);
        assertThat(letter.get("attempts").asInt()).as("the first attempt and 2 redeliveries").isEqualTo(3);
        assertThat(letter.get("source").asText()).isEqualTo("clientjoy");
    }

    @Test
    void aFailureBecauseTheStateDatabaseWasUnreachableIsNoDeadLetterButFailsTheExchangeForItsSenderToRetry() {
        Exchange sent = template.send("direct:clientjoy-database-cut", e -> e.getMessage().setBody("{\"id\": \"c-4\"}"));
        assertThat(sent.getException()).as("the sender (an inbox) sees the failure, keeps the message and retries it")
                .isInstanceOf(StateStoreException.class).hasMessageContaining("not a dead letter");
        assertThat(http("GET", "/admin/dead-letters?route=clientjoy-database-cut").json().get("total").asLong())
                .as("dead letters of the route").isZero();

        template.sendBody("direct:clientjoy-database-refused", "{\"id\": \"c-5\"}");
        assertThat(only("clientjoy-database-refused").get("errorMessage").asText()).contains("cannot write the link");
    }

    @Test
    void aClientErrorFromGhlIsDeadLetteredAtOnce() {
        template.sendBody("direct:clientjoy-refused", "{\"id\": \"c-2\"}");
        JsonNode letter = only("clientjoy-refused");
        assertThat(letter.get("httpStatus").asInt()).isEqualTo(422);
        assertThat(letter.get("attempts").asInt()).isEqualTo(1);
        assertThat(letter.get("errorMessage").asText()).contains("email must be an email");
        assertThat(http("GET", "/admin/dead-letters?httpStatus=422&errorClass=GhlApiException").json()
                .get("total").asLong()).isEqualTo(1);
    }

    @Test
    void theMappedPayloadIsKeptBesideTheSourceRecordWhenTheFailureCameAfterMapping() {
        template.sendBody("direct:cliengo-refused-after-mapping", lead(7));
        JsonNode letter = http("GET", "/admin/dead-letters/" + only("cliengo-refused-after-mapping").get("id").asLong()).json();
        assertThat(letter.get("sourceRecord").get("email").asText()).isEqualTo("lead7@example.com");
        assertThat(letter.get("mappedPayload").get("email").asText()).isEqualTo("lead7@example.com");
        assertThat(letter.get("mappedPayload").get("locationId").asText()).as("added by the mapping").isEqualTo("sandbox-location");
        assertThat(letter.get("httpStatus").asInt()).isEqualTo(400);
    }

    private JsonNode only(String route) {
        Answer list = http("GET", "/admin/dead-letters?route=" + route);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().get("total").asLong()).isEqualTo(1);
        return list.json().get("deadLetters").get(0);
    }

    private static Object parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
