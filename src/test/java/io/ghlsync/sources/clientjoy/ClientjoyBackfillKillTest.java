package io.ghlsync.sources.clientjoy;

import com.fasterxml.jackson.databind.JsonNode;
import io.ghlsync.GhlSync;
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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 6's bar: a GHL location with 5,000 contacts (a task, a note and an appointment each, 3 businesses) backfilled
 * to Clientjoy by the engine as a separate process ({@code GhlSync run}), killed with {@code kill -9} halfway, and
 * started again: the restarted engine resumes from its cursor by itself and finishes with every contact, task, note
 * and appointment in Clientjoy exactly once. Everything is checked through the sandboxes' HTTP APIs.
 */
class ClientjoyBackfillKillTest {

    private static final int CONTACTS = 5_000;
    private static final String USER = "ops";
    private static final String PASSWORD = "kill test password";

    @TempDir
    Path data;

    private SandboxServer sandbox;
    private SourceClient clientjoy;
    private Process engine;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

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
            engine.destroyForcibly();
        }
        clientjoy.close();
    }

    @Test
    void aBackfillKilledHalfwayFinishesAfterRestartWithEveryRecordExactlyOnce() throws Exception {
        int port = freePort();
        engine = start(port, "first");
        JsonNode started = admin(port, "POST", "/admin/backfill");
        assertThat(started.path("state").asText()).as(started.toString()).isEqualTo("running");

        await("half of the contacts are in Clientjoy", Duration.ofMinutes(4), () -> stored("clients") >= CONTACTS / 2);
        engine.destroyForcibly(); // SIGKILL: no shutdown hooks, no clean close of the database
        assertThat(engine.waitFor(30, TimeUnit.SECONDS)).isTrue();
        int atKill = stored("clients");
        assertThat(atKill).as("killed halfway, not at the end").isLessThan(CONTACTS);

        engine = start(port, "second"); // resumes the interrupted backfill by itself
        await("the resumed backfill is done", Duration.ofMinutes(5),
                () -> "done".equals(admin(port, "GET", "/admin/backfill").path("state").asText()));
        JsonNode done = admin(port, "GET", "/admin/backfill");
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

    /** The product itself ({@code GhlSync run}) in its own JVM, configured by system properties as an operator would. */
    private Process start(int port, String name) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-Xmx512m",
                "-Dcamel.server.port=" + port, "-Dcamel.management.port=" + port,
                "-Dghl.base-url=" + sandbox.ghlBaseUrl(), "-Dghl.location-id=" + GhlSandbox.DEFAULT_LOCATION_ID,
                "-Dghl.token=" + GhlSandbox.DEFAULT_TOKEN, "-Dghl.rate.burst-max=5000",
                "-Dclientjoy.base-url=" + sandbox.clientjoyBaseUrl(), "-Dclientjoy.api-key=" + ClientjoySandbox.DEFAULT_API_KEY,
                "-Dclientjoy.backfill.resume-delay-ms=500",
                "-Dghlsync.db.dir=" + data.resolve("state"), "-Dghlsync.admin.user=" + USER, "-Dghlsync.admin.password=" + PASSWORD,
                "-cp", System.getProperty("java.class.path"), GhlSync.class.getName(), "run")
                .redirectErrorStream(true)
                .redirectOutput(data.resolve("engine-" + name + ".log").toFile())
                .start();
        await("the engine answers on port " + port + " (log in " + data + ")", Duration.ofSeconds(90), () -> {
            if (!process.isAlive()) {
                throw new AssertionError("the engine exited with " + process.exitValue() + " (log in " + data + ")");
            }
            return status(port, "/admin/dead-letters") == 200;
        });
        return process;
    }

    private JsonNode admin(int port, String method, String path) {
        try {
            HttpResponse<String> response = http.send(request(port, method, path), HttpResponse.BodyHandlers.ofString());
            return SourceClient.MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private int status(int port, String path) {
        try {
            return http.send(request(port, "GET", path), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return 0; // not listening yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpRequest request(int port, String method, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8))).build();
    }

    private static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(100);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
