package io.ghlsync.operations;

import io.ghlsync.state.InboxState;
import io.ghlsync.state.StateDatabase;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The spine end to end: a webhook accepted into the inbox fails its mapping, lands in the dead letters (and its inbox
 * item is failed, so later items go on), then, once the mapping is fixed, a replay through the admin API runs the
 * inbox item again and GHL gets the contact exactly once.
 */
class InboxDeadLetterTest extends EngineTestSupport {

    /** This test brings its own consumer of inbox:cliengo; the shipped flow would compete with it for the items. */
    @Override
    protected EngineProperties engineProperties() {
        return super.engineProperties().with("cliengo.to-ghl.enabled", "false");
    }

    @Override
    protected RoutesBuilder testRoutes() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:cliengo-webhook").routeId("cliengo-webhook-intake")
                        .to("inbox:cliengo?eventId=/id&orderingKey=/id");
                from("inbox:cliengo?pollDelay=100ms&initialDelay=0").routeId("cliengo-leads-to-ghl")
                        .routeConfigurationId("ghl-retry-policy")
                        .process("cliengo-lead-to-ghl-contact")
                        .to("ghl:upsert-contact");
            }
        };
    }

    private long upserts() {
        return sandbox.ghl().ledger().requests("sandbox-location", "upsert-contact");
    }

    /** Read straight from the table: going through accept would itself deliver the event again. */
    private InboxState inboxState(String eventId) {
        StateDatabase db = context.getRegistry().lookupByNameAndType("stateDatabase", StateDatabase.class);
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT state FROM inbox WHERE source_system = 'cliengo' AND event_id = ?")) {
            ps.setString(1, eventId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? InboxState.valueOf(rs.getString(1).toUpperCase(java.util.Locale.ROOT)) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aPoisonWebhookIsDeadLetteredThenReplayedFromTheInboxOnceItsMappingIsFixed() throws Exception {
        long before = upserts();
        template.sendBody("direct:cliengo-webhook", DeadLetterChannelTest.POISON);
        template.sendBody("direct:cliengo-webhook",
                "{\"id\": \"ld_good\", \"name\": \"Bo Li\", \"email\": \"bo@example.com\", \"status\": \"new\"}");

        await("the good lead reached GHL", Duration.ofSeconds(20), () -> upserts() - before == 1);
        await("the poison lead is a dead letter", Duration.ofSeconds(20),
                () -> http("GET", "/admin/dead-letters").json().get("total").asLong() == 1);
        Answer letters = http("GET", "/admin/dead-letters");
        long letter = letters.json().get("deadLetters").get(0).get("id").asLong();
        assertThat(http("GET", "/admin/dead-letters/" + letter).json().get("replayEndpoint").asText()).startsWith("inbox:cliengo");
        await("its inbox item is failed, not retried forever", Duration.ofSeconds(20),
                () -> inboxState("ld_poison") == InboxState.FAILED);

        Path mapping = mappings().resolve("cliengo-lead-to-ghl-contact.yaml");
        Files.writeString(mapping, Files.readString(mapping).replace("      lost: lost\n", "      lost: lost\n      archived: lost\n"));
        await("the fixed mapping accepts the lead", Duration.ofSeconds(20), () -> {
            try {
                return context.getRegistry().lookupByNameAndType("mappings", io.ghlsync.mapping.Mappings.class).registry()
                        .apply("cliengo-lead-to-ghl-contact", JSON.readTree(DeadLetterChannelTest.POISON),
                                io.ghlsync.mapping.MappingContext.of(java.util.Map.of("locationId", "sandbox-location")))
                        .isOk();
            } catch (Exception e) {
                return false;
            }
        });

        Answer replay = http("POST", "/admin/dead-letters/" + letter + "/replay");
        assertThat(replay.status()).as("%s", replay.json()).isEqualTo(200);
        await("the replayed lead reached GHL", Duration.ofSeconds(20), () -> upserts() - before == 2);
        await("its inbox item is done", Duration.ofSeconds(20), () -> inboxState("ld_poison") == InboxState.DONE);
        assertThat(http("GET", "/admin/dead-letters").json().get("total").asLong()).isZero();

        // a second replay, or the source delivering the event again, changes nothing
        assertThat(http("POST", "/admin/dead-letters/" + letter + "/replay").status()).isEqualTo(409);
        template.sendBody("direct:cliengo-webhook", DeadLetterChannelTest.POISON);
        assertThat(inboxState("ld_poison")).isEqualTo(InboxState.DONE);
        assertThat(upserts() - before).isEqualTo(2);
    }
}
