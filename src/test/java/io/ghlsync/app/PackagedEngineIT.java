package io.ghlsync.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ghlsync.Settings;
import io.ghlsync.state.StateDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged application as the README starts it, {@code java -jar target/ghl-sync.jar}, in a fresh working folder
 * (a copy of routes/ and mappings/, so its data/ is its own) with no GHL credentials: sandbox mode. Ports come from the
 * documented environment variables so that other builds on the machine do not collide. It must become ready, its demo
 * lead must reach the GHL sandbox (checked through the sandbox's API), and SIGTERM must stop it within 30 s with every
 * acknowledged webhook either processed or still in the inbox.
 */
class PackagedEngineIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path work;

    private Process engine;
    private Path log;
    private int appPort;
    private int sandboxPort;
    private int hawtioPort;

    @BeforeEach
    void startThePackagedJar() throws Exception {
        Path jar = Path.of(System.getProperty("ghlsync.jar", "target/ghl-sync.jar")).toAbsolutePath();
        assertThat(jar).as("mvn package builds the jar before the *IT tests run").exists();
        copy(Path.of("routes"), work.resolve("routes"));
        copy(Path.of("mappings"), work.resolve("mappings"));
        Files.createDirectories(work.resolve("target"));
        Files.createSymbolicLink(work.resolve("target/ghl-sync.jar"), jar);
        appPort = freePort();
        sandboxPort = freePort();
        log = work.resolve("engine.log");

        ProcessBuilder builder = new ProcessBuilder("java", "-jar", "target/ghl-sync.jar").directory(work.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("GHL_") || k.startsWith("GHLSYNC_") || k.startsWith("CLIENGO_")
                || k.startsWith("CLIENTJOY_"));
        env.put("GHLSYNC_HTTP_PORT", String.valueOf(appPort));
        env.put("GHLSYNC_SANDBOX_PORT", String.valueOf(sandboxPort));
        hawtioPort = freePort();
        env.put("GHLSYNC_HAWTIO_PORT", String.valueOf(hawtioPort));
        env.put("GHLSYNC_DEMO_INTERVAL_MS", "500");
        engine = builder.start();
    }

    @AfterEach
    void killWhatIsLeft() {
        if (engine != null && engine.isAlive()) {
            engine.destroyForcibly();
        }
    }

    @Test
    void startsReadyDeliversADemoLeadAndStopsCleanlyOnSigterm() throws Exception {
        await("the engine is ready", Duration.ofSeconds(120), () -> status("http://127.0.0.1:" + appPort + "/observe/health/ready") == 200);
        assertThat(Files.readString(log)).contains("SANDBOX MODE").contains("/hawtio/");
        // Hawtio's war travels inside the shaded jar and is served from it (open in sandbox mode)
        assertThat(status("http://127.0.0.1:" + hawtioPort + "/hawtio/index.html")).isEqualTo(200);
        assertThat(status("http://127.0.0.1:" + hawtioPort + "/hawtio/jolokia/search/org.apache.camel:type=routes,*")).isEqualTo(200);

        // a lead the Cliengo sandbox generated arrives in the GHL sandbox as a contact with the same email
        await("a demo lead reached GHL", Duration.ofSeconds(60), () -> !leadsInGhl().isEmpty());

        Set<String> acknowledged = acknowledgedWebhooks();
        assertThat(acknowledged).isNotEmpty();
        long started = System.nanoTime();
        engine.destroy(); // SIGTERM
        boolean exited = engine.waitFor(30, TimeUnit.SECONDS);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(exited).as("exited within 30 s of SIGTERM; log:\n" + tail()).isTrue();
        assertThat(engine.exitValue()).as("exit code (143: ended by SIGTERM)").isIn(0, 143);
        System.out.println("stopped " + took.toMillis() + " ms after SIGTERM");

        Map<String, Long> inbox = inboxByState();
        Set<String> stored = storedEventIds();
        assertThat(stored).as("every webhook the engine acknowledged is in its inbox").containsAll(acknowledged);
        assertThat(inbox.keySet()).as("items are done, failed (dead letters) or left to resume: " + inbox)
                .isSubsetOf("done", "failed", "pending", "processing");
        // the banner names the sandbox's public identities on purpose; a token in a request header never reaches the log
        assertThat(Files.readString(log)).doesNotContain("Bearer sandbox-token");
    }

    /** Emails of Cliengo sandbox leads that exist as GHL sandbox contacts. */
    private Set<String> leadsInGhl() {
        Set<String> emails = new HashSet<>();
        JsonNode contacts = get("/ghl/contacts/?locationId=sandbox-location&limit=100", "Authorization", "Bearer sandbox-token")
                .path("contacts");
        contacts.forEach(c -> emails.add(c.path("email").asText()));
        Set<String> both = new HashSet<>();
        get("/cliengo/leads?limit=100", "X-Api-Key", "sandbox-cliengo-key").path("leads")
                .forEach(l -> {
                    String email = l.path("email").asText().toLowerCase();
                    if (!email.isEmpty() && emails.contains(email)) {
                        both.add(email);
                    }
                });
        return both;
    }

    private Set<String> acknowledgedWebhooks() {
        Set<String> ids = new HashSet<>();
        JsonNode deliveries = get("/_sandbox/cliengo/webhooks/deliveries", "X-Ignored", "-");
        deliveries.forEach(d -> {
            if (d.path("status").asInt() / 100 == 2) {
                ids.add(d.path("eventId").asText());
            }
        });
        return ids;
    }

    private JsonNode get(String path, String header, String value) {
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + sandboxPort + path))
                    .header(header, value).header("Version", "2021-07-28").timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(answer.body());
        } catch (IOException e) {
            return JSON.createObjectNode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The stopped engine's embedded database, opened as the engine opens it. */
    private <T> T query(String sql, java.util.function.Function<ResultSet, T> read) throws Exception {
        Settings settings = Settings.load().override("ghlsync.db.dir", work.resolve("data").toString());
        try (StateDatabase database = StateDatabase.open(settings);
             Connection c = database.dataSource().getConnection();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            return read.apply(rs);
        }
    }

    private Map<String, Long> inboxByState() throws Exception {
        return query("SELECT state, COUNT(*) FROM inbox GROUP BY state", rs -> {
            Map<String, Long> out = new LinkedHashMap<>();
            try {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getLong(2));
                }
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
            return out;
        });
    }

    private Set<String> storedEventIds() throws Exception {
        return query("SELECT event_id FROM inbox WHERE source_system = 'cliengo'", rs -> {
            Set<String> out = new HashSet<>();
            try {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
            return out;
        });
    }

    private int status(String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private void await(String what, Duration timeout, Supplier<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.get()) {
            assertThat(engine.isAlive()).as("the engine is still running; log:\n" + tail()).isTrue();
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what + "; log:\n" + tail());
            }
            Thread.sleep(200);
        }
    }

    private String tail() {
        try {
            String text = Files.readString(log, StandardCharsets.UTF_8);
            return text.substring(Math.max(0, text.length() - 4000));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
