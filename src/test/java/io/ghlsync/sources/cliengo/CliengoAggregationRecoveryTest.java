package io.ghlsync.sources.cliengo;

import io.ghlsync.GhlSyncConfiguration;
import io.ghlsync.Settings;
import io.ghlsync.operations.EngineProperties;
import io.ghlsync.state.EntityType;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Nothing lost" across the aggregator: an event the inbox has marked done while it waits in the lead aggregator
 * lives only in the aggregation table. The aggregator stops before the window closes, leaving the table as a crash
 * would; a new engine on the same database finds the open batch there, completes it and writes the lead to GHL.
 */
class CliengoAggregationRecoveryTest extends CliengoEngineTestSupport {

    @Override
    protected EngineProperties engineProperties() {
        return super.engineProperties()
                // long enough that the batch is still open when its aggregator stops; a restored batch keeps this window
                .with("cliengo.aggregate.window-ms", "8000");
    }

    @Test
    void aBatchOpenWhenTheEngineStopsIsCompletedByTheNextEngine() throws Exception {
        String lead = "{\"id\":\"ld_crash_1\",\"name\":\"Renata Ibáñez\",\"email\":\"renata.crash@example.com\","
                + "\"tags\":[\"urgente\"]}";
        post(event("lead.created", "ld_crash_1", "\"lead\":" + lead));
        post(event("note.added", "ld_crash_1", "\"note\":{\"id\":\"nt_crash_1\",\"content\":\"Llamar hoy\"}"));
        await("both events left the inbox for the aggregator", Duration.ofSeconds(30), () -> count(
                "SELECT COUNT(*) FROM inbox WHERE source_system = 'cliengo' AND state = 'done'") == 2);
        // the aggregator goes away with the batch open (its route stops; forceCompletionOnStop is off, so nothing is
        // flushed: the table is left as a killed process leaves it)
        context.getRouteController().stopRoute("cliengo-to-ghl");
        assertThat(count("SELECT COUNT(*) FROM cliengo_lead_events")).as("open batches in the table").isEqualTo(1);
        assertThat(link(EntityType.CONTACT, "ld_crash_1")).as("nothing written yet").isEmpty();
        Settings settings = settings();

        Main next = new Main();
        Properties properties = settings.forCamel();
        properties.putAll(useOverridePropertiesWithPropertiesComponent());
        properties.setProperty("camel.server.port", String.valueOf(freePort()));
        properties.setProperty("cliengo.enrich.enabled", "false");
        next.setOverrideProperties(properties);
        next.configure().addConfiguration(new GhlSyncConfiguration(settings));
        next.configure().withRoutesIncludePattern("file:routes/*.yaml");
        next.start();
        try {
            await("the next engine wrote the batch", Duration.ofSeconds(30), () -> count(
                    "SELECT COUNT(*) FROM cliengo_lead_events") == 0 && count(
                    "SELECT COUNT(*) FROM cliengo_lead_events_completed") == 0 && link(EntityType.CONTACT, "ld_crash_1").isPresent());
        } finally {
            next.stop();
        }
        String contactId = link(EntityType.CONTACT, "ld_crash_1").orElseThrow().ghlId();
        assertThat(ghl("/contacts/" + contactId).get("contact").get("tags").toString()).contains("urgente");
        assertThat(ghl("/contacts/" + contactId + "/notes").get("notes")).hasSize(1);
        assertThat(link(EntityType.NOTE, "nt_crash_1")).isPresent();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
