package io.ghlsync.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ghlsync.GhlSync;
import io.ghlsync.sandbox.SandboxServer;
import io.ghlsync.sandbox.clientjoy.ClientjoySandbox;
import io.ghlsync.sandbox.ghl.GhlSandbox;

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
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The product ({@code GhlSync run}) in a JVM of its own, configured by system properties as an operator would, pointed
 * at a sandbox of this process: what benchmarks measure and crash tests kill. Its admin API is reached over HTTP.
 */
public final class EngineProcess implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String USER = "ops";
    private static final String PASSWORD = "engine process password";

    private final Process process;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private EngineProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts the engine on {@code port} with its state under {@code data}, its log in {@code data/engine-<name>.log},
     * GHL's burst limit as the sandbox announces it, and {@code jvmOptions} (e.g. {@code -Xmx256m}); returns once its
     * admin API answers.
     */
    public static EngineProcess start(SandboxServer sandbox, int port, Path data, String name, List<String> jvmOptions)
            throws InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-Dcamel.server.port=" + port, "-Dcamel.management.port=" + port,
                "-Dghl.base-url=" + sandbox.ghlBaseUrl(), "-Dghl.location-id=" + GhlSandbox.DEFAULT_LOCATION_ID,
                "-Dghl.token=" + GhlSandbox.DEFAULT_TOKEN, "-Dghl.rate.burst-max=5000",
                "-Dclientjoy.base-url=" + sandbox.clientjoyBaseUrl(), "-Dclientjoy.api-key=" + ClientjoySandbox.DEFAULT_API_KEY,
                "-Dclientjoy.backfill.resume-delay-ms=500", "-Dghlsync.db.dir=" + data.resolve("state"),
                // no Hawtio (it would take port 8081, which builds running beside this one may hold)
                "-Dghlsync.hawtio.enabled=false",
                "-Dghlsync.admin.user=" + USER, "-Dghlsync.admin.password=" + PASSWORD,
                "-cp", System.getProperty("java.class.path"), GhlSync.class.getName(), "run"));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(data.resolve("engine-" + name + ".log").toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("the engine process could not start", e);
        }
        EngineProcess engine = new EngineProcess(process, port);
        try {
            // 3 minutes: on the shared 2-core machine under a load average of 30 a start took over 90 s
            await("the engine answers on port " + port + " (log in " + data + ")", Duration.ofMinutes(3), () -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the engine exited with " + process.exitValue() + " (log in " + data + ")");
                }
                return engine.status("/admin/dead-letters") == 200;
            });
        } catch (InterruptedException | RuntimeException e) {
            process.destroyForcibly(); // an engine that did not come up is not left running
            throw e;
        }
        return engine;
    }

    /** A call to the admin API; the JSON answer, whatever the status. */
    public JsonNode admin(String method, String path) {
        try {
            return JSON.readTree(text(method, path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A call's text answer, e.g. of {@code GET /observe/metrics}. */
    public String text(String method, String path) {
        try {
            return http.send(request(method, path), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The sum of a Prometheus metric's series in {@code GET /observe/metrics} (e.g. {@code ghlsync_inbox_backlog}). */
    public double metric(String name) {
        return metric(name, "");
    }

    /** The sum of those series of a Prometheus metric whose labels contain {@code label} (e.g. {@code area="heap"}). */
    public double metric(String name, String label) {
        double sum = 0;
        for (String line : text("GET", "/observe/metrics").split("\n")) {
            int labels = line.indexOf('{');
            if ((line.startsWith(name + "{") && line.indexOf(label, labels) > 0) || (label.isEmpty() && line.startsWith(name + " "))) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    public int port() {
        return port;
    }

    private int status(String path) {
        try {
            return http.send(request("GET", path), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return 0; // not listening yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpRequest request(String method, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8))).build();
    }

    /** {@code kill -9}: no shutdown hooks, no clean close of the database. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    /** Polls until the condition holds; fails with {@code what} after {@code timeout}. */
    public static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting until " + what);
            }
            Thread.sleep(100);
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
