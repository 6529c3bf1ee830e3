package io.ghlsync.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ghlsync.GhlSyncConfiguration;
import io.ghlsync.Settings;
import io.ghlsync.sandbox.SandboxServer;
import io.ghlsync.sandbox.cliengo.CliengoEvents;
import io.ghlsync.state.StateDatabase;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.test.main.junit5.CamelMainTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine as camel-main assembles it (GhlSyncConfiguration, the shipped routes/ folder, its HTTP server on a free
 * port), pointed at the sandbox, with a database and a copy of the mappings of its own. Subclasses add routes and
 * choose the admin settings; {@link #http} talks to the admin API over real HTTP. Public so that each source's flow
 * tests (e.g. io.ghlsync.sources.cliengo) run on the same engine.
 */
public abstract class EngineTestSupport extends CamelMainTestSupport {

    protected static final String USER = "ops";
    protected static final String PASSWORD = "correct horse battery";
    protected static final ObjectMapper JSON = new ObjectMapper();

    protected static SandboxServer sandbox;

    @TempDir
    Path work;

    protected static final int port = freePort();
    /** HTTP/1.1, as the engine and the sandboxes speak it (no h2c upgrade attempt on every new connection). */
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    @BeforeAll
    static void startSandbox() {
        sandbox = new SandboxServer(0).start();
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    private final OnPostgres postgres = new OnPostgres();

    /** True in the PostgreSQL variant of a test: the same test, the engine's state in PostgreSQL. */
    protected boolean onPostgres() {
        return false;
    }

    @AfterEach
    void dropPostgresSchema() {
        if (onPostgres()) {
            assertThat(context.getRegistry().lookupByNameAndType("stateDatabase", StateDatabase.class).isEmbedded())
                    .as("the engine ran on PostgreSQL").isFalse();
            context.stop(); // before the schema goes: an inbox consumer would poll a dropped table
            postgres.drop();
        }
    }

    /** The engine's settings; subclasses change the admin ones. */
    protected Settings settings() {
        if (onPostgres()) {
            OnPostgres.require();
            return postgres.apply(engineSettings());
        }
        return engineSettings();
    }

    private Settings engineSettings() {
        return Settings.load()
                .override("ghl.base-url", sandbox.ghlBaseUrl())
                .override("ghl.location-id", "sandbox-location")
                .override("ghl.token", "sandbox-token")
                .override("ghlsync.db.dir", work.resolve("data").toString())
                .override("ghlsync.mappings.dir", mappings().toString())
                .override("ghlsync.mappings.check-interval-ms", "100")
                .override("ghlsync.sandbox", "false")
                .override("ghlsync.hawtio.enabled", "false") // its own tests start it on a free port
                .override("ghlsync.admin.user", USER)
                .override("ghlsync.admin.password", PASSWORD);
    }

    /** The clock of the engine's ghl component; a test that moves the GHL sandbox's clock may share it. */
    protected Clock ghlClock() {
        return Clock.systemUTC();
    }

    /** Extra routes for the test, besides the shipped ones. */
    protected RoutesBuilder testRoutes() {
        return null;
    }

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        return engineProperties().toProperties();
    }

    /**
     * The engine's Camel properties in this test: the HTTP server on its free port and short GHL retries. A support
     * class or a test adds its own over these with {@code super.engineProperties().with(key, value)}.
     */
    protected EngineProperties engineProperties() {
        return EngineProperties.none()
                .with("camel.server.enabled", "true")
                .with("camel.server.port", String.valueOf(port))
                .with("camel.management.enabled", "false")
                .with("ghl.retry.max-redeliveries", "2")
                .with("ghl.retry.initial-delay-ms", "10")
                .with("ghl.retry.max-delay-ms", "100");
    }

    @Override
    protected void configure(MainConfigurationProperties configuration) {
        configuration.addConfiguration(new GhlSyncConfiguration(settings(), ghlClock()));
        configuration.withRoutesIncludePattern("file:routes/*.yaml");
        RoutesBuilder extra = testRoutes();
        if (extra != null) {
            configuration.addRoutesBuilder(extra);
        }
    }

    /** A copy of the shipped mappings, which a test may edit (to fix a mapping, then replay). */
    protected Path mappings() {
        Path copy = work.resolve("mappings");
        if (!Files.isDirectory(copy)) {
            try (Stream<Path> files = Files.list(Path.of("mappings"))) {
                Files.createDirectories(copy);
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    Files.copy(f, copy.resolve(f.getFileName()));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return copy;
    }

    protected record Answer(int status, JsonNode json, HttpResponse<String> raw) {
    }

    /** A request to the admin API with the right credentials. */
    protected Answer http(String method, String pathAndQuery) {
        return http(method, pathAndQuery, USER, PASSWORD);
    }

    protected Answer http(String method, String pathAndQuery, String user, String password) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                .timeout(Duration.ofSeconds(60)).method(method, HttpRequest.BodyPublishers.noBody());
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return send(request);
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = null;
            try {
                json = JSON.readTree(response.body());
            } catch (IOException e) {
                // not JSON: the test says so when it matters
            }
            return new Answer(response.statusCode(), json, response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A POST to one of the engine's webhook receivers, e.g. {@code /webhooks/ghl}, with exactly these bytes and headers. */
    protected Answer post(String path, String contentType, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        return send(request);
    }

    /**
     * A call to a source sandbox's API as that source's own user makes it (Cliengo, Clientjoy: an X-Api-Key), to read or
     * change what the source holds without going through the engine.
     */
    protected Answer sourceApi(String method, String url, String apiKey) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).header("X-Api-Key", apiKey)
                .method(method, HttpRequest.BodyPublishers.noBody()));
    }

    /** A Cliengo webhook as Cliengo posts it: exactly these bytes to /webhooks/cliengo, signed with {@code secret}. */
    protected Answer postCliengo(byte[] body, String secret) {
        return post("/webhooks/cliengo", "application/json", body,
                Map.of(CliengoEvents.SIGNATURE_HEADER, CliengoEvents.signature(secret, body)));
    }

    /** A webhook receiver's refusal: this status, a reason and, when given, the field at fault. */
    protected static void assertRefused(Answer answer, int status, String field) {
        assertThat(answer.status()).as("%s", answer.raw().body()).isEqualTo(status);
        assertThat(answer.json().get("error").asText()).isNotBlank();
        if (field != null) {
            assertThat(answer.json().get("field").asText()).isEqualTo(field);
        }
    }

    /** One row of a query on the engine's state database. */
    protected interface Row {
        void read(ResultSet rs) throws SQLException;
    }

    /** Runs a query on the engine's state database, with string parameters, row by row. */
    protected void query(String sql, Row row, String... parameters) {
        StateDatabase db = context.getRegistry().lookupByNameAndType("stateDatabase", StateDatabase.class);
        try (Connection c = db.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setString(i + 1, parameters[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    row.read(rs);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The single number a {@code SELECT COUNT(*)} on the engine's state database answers. */
    protected long count(String sql, String... parameters) {
        long[] count = new long[1];
        query(sql, rs -> count[0] = rs.getLong(1), parameters);
        return count[0];
    }

    /** Polls until the condition holds or the deadline passes (no fixed sleeps). */
    protected static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.onSpinWait();
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting until " + what);
            }
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
