package io.ghlsync.app;

import io.ghlsync.GhlSyncConfiguration;
import io.ghlsync.Settings;
import io.ghlsync.ghl.GhlComponent;
import io.ghlsync.ghl.GhlConstants;
import io.ghlsync.sandbox.SandboxServer;
import org.apache.camel.Exchange;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.test.main.junit5.CamelMainTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application as camel-main assembles it: routes read from the routes/ folder on disk, the state database, the
 * mappings, and the ghl component pointed at the sandbox with the sandbox identities of BRIEF §6.
 */
class GhlSyncApplicationTest extends CamelMainTestSupport {

    private static SandboxServer sandbox;

    @TempDir
    static Path data;

    @BeforeAll
    static void startSandbox() {
        sandbox = new SandboxServer(0).start();
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    @BeforeEach
    void countAfresh() {
        sandbox.ghl().resetStats();
    }

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties p = new Properties();
        // the admin API's routes need the HTTP server: on a free port, so a running engine does not collide
        p.setProperty("camel.server.enabled", "true");
        p.setProperty("camel.server.port", String.valueOf(port));
        p.setProperty("camel.management.port", String.valueOf(port));
        return p;
    }

    @Override
    protected void configure(MainConfigurationProperties configuration) {
        Settings settings = Settings.load()
                .override("ghl.base-url", sandbox.ghlBaseUrl())
                .override("ghl.location-id", "sandbox-location")
                .override("ghl.token", "sandbox-token")
                .override("ghlsync.db.dir", data.toString())
                .override("ghlsync.sandbox", "true")
                .override("ghlsync.hawtio.enabled", "false"); // never the shared port 8081 in a test
        configuration.addConfiguration(new GhlSyncConfiguration(settings));
        configuration.withRoutesIncludePattern("file:routes/*.yaml");
    }

    private static final int port = freePort();

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void theSharedRetryPolicyIsLoadedFromTheRoutesFolder() {
        assertThat(context.getRouteConfigurationDefinitions())
                .extracting(org.apache.camel.model.RouteConfigurationDefinition::getId)
                .contains("ghl-retry-policy");
    }

    @Test
    void theGhlComponentCallsTheConfiguredLocation() {
        GhlComponent ghl = context.getComponent("ghl", GhlComponent.class);
        assertThat(ghl.getLocations()).containsOnlyKeys("sandbox-location");

        Exchange answer = template.send("ghl:upsert-contact", e -> e.getMessage().setBody(Map.of("email", "app@example.com")));

        assertThat(answer.getException()).isNull();
        assertThat(answer.getMessage().getHeader(GhlConstants.STATUS_CODE)).isEqualTo(200);
        assertThat(sandbox.ghl().ledger().requests("sandbox-location", "upsert-contact")).isEqualTo(1);
    }

    @Test
    void healthAndMetricsShowEachLocationsCallsAndTheOpenDeadLetters() throws Exception {
        template.send("ghl:upsert-contact", e -> e.getMessage().setBody(Map.of("email", "metrics@example.com")));
        HttpClient http = HttpClient.newHttpClient();

        String health = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/observe/health")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        String metrics = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/observe/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();

        assertThat(health).contains("\"UP\"");
        assertThat(metrics).contains("ghl_requests_total{location=\"sandbox-location\"} 1.0")
                .contains("ghl_rate_limited_total{location=\"sandbox-location\"} 0.0")
                .contains("ghl_rate_budget_daily_remaining{location=\"sandbox-location\"}")
                .contains("ghlsync_dead_letters_open 0.0")
                .contains("ghlsync_inbox_backlog 0.0")
                .contains("camel_exchanges_total");
    }

    @Test
    void theStateDatabaseAndTheMappingsAreBound() {
        assertThat(context.getRegistry().lookupByName("stateDatabase")).isNotNull();
        assertThat(context.getRegistry().lookupByName("cliengo-lead-to-ghl-contact")).isNotNull();
    }
}
