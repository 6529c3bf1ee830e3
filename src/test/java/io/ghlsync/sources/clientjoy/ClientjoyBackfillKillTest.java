package io.ghlsync.sources.clientjoy;

import com.fasterxml.jackson.databind.JsonNode;
import io.ghlsync.bench.EngineProcess;
import io.ghlsync.sandbox.SandboxServer;
import io.ghlsync.sandbox.SourceClient;
import io.ghlsync.sandbox.clientjoy.ClientjoySandbox;
import io.ghlsync.sandbox.ghl.ContactSeeder;
import io.ghlsync.sandbox.ghl.GhlSandbox;
import io.ghlsync.sandbox.ghl.RateLimits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 6's bar: a GHL location with 5,000 contacts (a task, a note and an appointment each, 3 businesses) backfilled
 * to Clientjoy by the engine as a separate process ({@code GhlSync run}), killed with {@code kill -9} halfway, and
 * started again: the restarted engine resumes from its cursor by itself and finishes with every contact, task, note
 * and appointment in Clientjoy exactly once. Everything is checked through the sandboxes' HTTP APIs.
 */
class ClientjoyBackfillKillTest {

    private static final int CONTACTS = 5_000;

    @TempDir
    Path data;

    private SandboxServer sandbox;
    private SourceClient clientjoy;
    private EngineProcess engine;

    @BeforeEach
    void startSandbox() {
        clientjoy = new SourceClient("clientjoy", ClientjoySandbox.DEFAULT_API_KEY) {
        };
        sandbox = clientjoy.server;
        // GHL's real 100 requests / 10 s would make 20,000 GHL calls take over half an hour
        sandbox.ghl().defaultRateLimits(new RateLimits(5_000, 10_000, 10_000_000, LocalTime.MIDNIGHT), true);
        sandbox.ghl().seed(GhlSandbox.DEFAULT_LOCATION_ID, new ContactSeeder.Plan(CONTACTS, 1, 1, 1, 3));
    }

    @AfterEach
    void stop() {
        if (engine != null) {
            engine.close();
        }
        clientjoy.close();
    }

    @Test
    void aBackfillKilledHalfwayFinishesAfterRestartWithEveryRecordExactlyOnce() throws Exception {
        int port = EngineProcess.freePort();
        engine = EngineProcess.start(sandbox, port, data, "first", List.of("-Xmx512m"));
        JsonNode started = engine.admin("POST", "/admin/backfill");
        assertThat(started.path("state").asText()).as(started.toString()).isEqualTo("running");

        EngineProcess.await("half of the contacts are in Clientjoy", Duration.ofMinutes(4), () -> stored("clients") >= CONTACTS / 2);
        engine.kill(); // SIGKILL: no shutdown hooks, no clean close of the database
        int atKill = stored("clients");
        assertThat(atKill).as("killed halfway, not at the end").isLessThan(CONTACTS);

        engine = EngineProcess.start(sandbox, port, data, "second", List.of("-Xmx512m")); // resumes the backfill by itself
        EngineProcess.await("the resumed backfill is done", Duration.ofMinutes(5),
                () -> "done".equals(engine.admin("GET", "/admin/backfill").path("state").asText()));
        JsonNode done = engine.admin("GET", "/admin/backfill");
        assertThat(done.get("copied").asInt()).isEqualTo(CONTACTS);

        JsonNode overview = clientjoy.control("GET", "/", null).json();
        assertThat(overview.get("clients").asInt()).isEqualTo(CONTACTS);
        assertThat(overview.get("tasks").asInt()).isEqualTo(CONTACTS);
        assertThat(overview.get("notes").asInt()).isEqualTo(CONTACTS);
        assertThat(overview.get("activities").asInt()).isEqualTo(CONTACTS);
        JsonNode writes = clientjoy.control("GET", "/stats", null).json().get("writes");
        assertThat(writes.get("client.created").asInt()).as("no client was created twice").isEqualTo(CONTACTS);
        assertThat(writes.get("task.created").asInt()).isEqualTo(CONTACTS);
        assertThat(writes.get("note.created").asInt()).isEqualTo(CONTACTS);
        assertThat(writes.get("activity.created").asInt()).isEqualTo(CONTACTS);

        Set<String> ghlIds = new HashSet<>();
        new GhlClient(sandbox.ghlBaseUrl()).contacts().forEach(c -> ghlIds.add(c.get("id").asText()));
        List<String> externalIds = clientExternalIds();
        assertThat(externalIds).doesNotHaveDuplicates();
        assertThat(new HashSet<>(externalIds)).isEqualTo(ghlIds);
    }

    /** Every client's external_id, through the Clientjoy API's pages. */
    private List<String> clientExternalIds() {
        List<String> out = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = clientjoy.api("GET", "/clients?limit=100" + (cursor == null ? "" : "&cursor=" + cursor), null).json();
            page.get("clients").forEach(c -> out.add(c.get("external_id").asText()));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
        } while (cursor != null);
        return out;
    }

    private int stored(String kind) {
        return clientjoy.control("GET", "/", null).json().get(kind).asInt();
    }
}
