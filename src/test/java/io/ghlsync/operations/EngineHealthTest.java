package io.ghlsync.operations;

import com.fasterxml.jackson.databind.JsonNode;
import io.ghlsync.Settings;
import io.ghlsync.state.DeadLetterFailure;
import io.ghlsync.state.DeadLetters;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * /observe/health: readiness (database, each GHL location's token, open dead letters under the threshold) apart from
 * liveness, and the sync lag per source in /observe/metrics.
 */
class EngineHealthTest extends EngineTestSupport {

    @Override
    protected Settings settings() {
        return super.settings().override("ghlsync.health.dead-letter-threshold", "2");
    }

    @Override
    protected EngineProperties engineProperties() {
        return super.engineProperties()
                // camel-main's management endpoints (health, metrics) on the application's port, as in production
                .with("camel.management.enabled", "true")
                .with("camel.management.port", String.valueOf(port));
    }

    @Test
    void readinessListsTheDatabaseTheTokenAndTheDeadLetters() {
        Answer ready = http("GET", "/observe/health/ready");
        assertThat(ready.status()).as(ready.raw().body()).isEqualTo(200);
        assertThat(ready.json().get("status").asText()).isEqualTo("UP");
        assertThat(checkNamed(ready.json(), "state-database").get("status").asText()).isEqualTo("UP");
        assertThat(checkNamed(ready.json(), "ghl-token-sandbox-location").get("status").asText()).isEqualTo("UP");
        assertThat(checkNamed(ready.json(), "dead-letters").get("status").asText()).isEqualTo("UP");
        assertThat(ready.raw().body()).doesNotContain("sandbox-token");
    }

    @Test
    void deadLettersAtTheThresholdMakeTheEngineUnreadyButStillAlive() {
        DeadLetters store = context.getRegistry().lookupByNameAndType("deadLetters", DeadLetters.class);
        store.add(deadLetter());
        assertThat(http("GET", "/observe/health/ready").status()).isEqualTo(200);
        store.add(deadLetter());

        Answer ready = http("GET", "/observe/health/ready");
        assertThat(ready.status()).isEqualTo(503);
        JsonNode deadLetters = checkNamed(ready.json(), "dead-letters");
        assertThat(deadLetters.get("status").asText()).isEqualTo("DOWN");
        assertThat(deadLetters.toString()).contains("2 open dead letters (threshold 2)");

        Answer live = http("GET", "/observe/health/live");
        assertThat(live.status()).as(live.raw().body()).isEqualTo(200);
        assertThat(live.raw().body()).doesNotContain("dead-letters");
    }

    @Test
    void metricsShowTheSyncLagPerSource() {
        String metrics = http("GET", "/observe/metrics").raw().body();
        assertThat(metrics).contains("ghlsync_sync_lag_seconds{source=\"cliengo\"} 0.0");
    }

    private static DeadLetterFailure deadLetter() {
        return new DeadLetterFailure("cliengo-lead-to-ghl", "cliengo", "sandbox-location", "direct://nowhere", "{\"id\":\"l-1\"}",
                null, Map.of(), "io.ghlsync.mapping.MappingException", "email is not an email address", "email", null, 1);
    }

    private static JsonNode checkNamed(JsonNode health, String id) {
        for (JsonNode check : health.get("checks")) {
            if (id.equals(check.path("name").asText())) {
                return check;
            }
        }
        throw new AssertionError("no check " + id + " in " + health);
    }
}
