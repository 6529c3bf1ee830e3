package io.ghlsync.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The engine under test as its own JVM ({@code io.ghlsync.GhlSync run} from this process's class path), so its CPU,
 * heap and threads are separate from the sandbox and the load generator that run in the bench JVM. Used by the
 * {@link BenchRig} scenarios (GHL side, Cliengo webhooks, metrics); {@link EngineProcess} is the one the backfill
 * benchmark and the crash tests use (Clientjoy, admin API, kill).
 */
final class RigEngine implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;
    /** HTTP/1.1: the JDK client's default h2c upgrade on a plain-HTTP GET can leave the answer hanging. */
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private RigEngine(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts the engine against a sandbox and waits until it reports ready. {@code properties} become JVM system
     * properties of the engine, which override application.properties (the switches the baseline turns).
     */
    static RigEngine start(String sandboxBaseUrl, Map<String, String> properties, Path workDir) throws IOException {
        int port = freePort();
        Files.createDirectories(workDir);
        Path log = workDir.resolve("engine.log");
        Map<String, String> props = new LinkedHashMap<>();
        props.put("ghlsync.db.dir", workDir.resolve("data").toString());
        props.put("ghlsync.hawtio.enabled", "false");
        props.put("ghlsync.demo.enabled", "false");
        // enrichment writes to Cliengo, not GHL; the events here are posted directly, with no lead in the Cliengo sandbox
        props.put("cliengo.enrich.enabled", "false");
        props.putAll(properties);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        props.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("io.ghlsync.GhlSync");
        command.add("run");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("GHL_") || k.startsWith("GHLSYNC_") || k.startsWith("CLIENGO_")
                || k.startsWith("CLIENTJOY_"));
        env.put("GHL_BASE_URL", sandboxBaseUrl + "/ghl");
        env.put("GHL_LOCATION_ID", Bench.LOCATION);
        env.put("GHL_TOKEN", "sandbox-token");
        env.put("GHLSYNC_HTTP_PORT", Integer.toString(port));
        env.put("GHLSYNC_ADMIN_USER", "bench");
        env.put("GHLSYNC_ADMIN_PASSWORD", "bench-" + port);
        env.put("CLIENGO_BASE_URL", sandboxBaseUrl + "/cliengo");
        env.put("CLIENGO_API_KEY", "sandbox-cliengo-key");
        env.put("CLIENGO_WEBHOOK_SECRET", Bench.CLIENGO_SECRET);
        if (props.containsKey("ghlsync.db.url")) {
            env.put("GHLSYNC_DB_URL", props.get("ghlsync.db.url"));
            env.put("GHLSYNC_DB_USER", props.getOrDefault("ghlsync.db.user", "postgres"));
        }
        RigEngine engine = new RigEngine(builder.start(), port, log);
        try {
            engine.awaitReady(Duration.ofSeconds(120));
        } catch (IOException | RuntimeException e) {
            engine.close();
            throw e;
        }
        return engine;
    }

    int port() {
        return port;
    }

    private void awaitReady(Duration timeout) throws IOException {
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/observe/health/ready"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("the engine stopped while starting (exit " + process.exitValue() + "); see " + log);
            }
            try {
                if (client.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the engine", e);
            }
            Pause.millis(250);
        }
        throw new IOException("the engine was not ready within " + timeout.toSeconds() + " s; see " + log);
    }

    /** The engine's Prometheus gauge of events waiting in its inboxes (all sources). */
    long inboxBacklog() {
        HttpRequest metrics = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/observe/metrics"))
                .timeout(Duration.ofSeconds(10)).GET().build();
        try {
            String text = client.send(metrics, HttpResponse.BodyHandlers.ofString()).body();
            long backlog = 0;
            for (String line : text.split("\n")) {
                if (line.startsWith("ghlsync_inbox_backlog")) {
                    backlog += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            return backlog;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
