package io.ghlsync.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.ghlsync.sandbox.SandboxServer;
import io.ghlsync.sandbox.ghl.ContactSeeder;
import io.ghlsync.sandbox.ghl.GhlSandbox;
import io.ghlsync.sandbox.ghl.RateLimits;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The backfill's speed and memory: a sandbox location seeded with N contacts (in this process), the engine in a JVM of
 * its own with a capped heap ({@code -Xmx}), one backfill to Clientjoy. While it runs, the engine's heap in use is
 * read from its Prometheus metrics every second; the peak is what the report shows. A heap that grew with the number
 * of contacts would fail the run (OutOfMemoryError) long before the end.
 */
public final class BackfillBenchmark {

    /** What one run measured. */
    public record Result(int contacts, int copied, Duration elapsed, double contactsPerSecond, long peakHeapUsedBytes,
            long peakLiveDataBytes, String maxHeap, int clientsInClientjoy) {
    }

    /** The old generation after the last collection (JvmGcMetrics): what stays alive, garbage excluded. */
    private static final Pattern LIVE_DATA = Pattern.compile("(?m)^jvm_gc_live_data_size_bytes(?:\\{[^}]*})? ([0-9.E+-]+)");
    private static final Pattern HEAP_USED = Pattern.compile("(?m)^jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*} ([0-9.E+-]+)");

    private BackfillBenchmark() {
    }

    /** Seeds {@code contacts} (each with {@code activities} task, note and appointment), backfills, reports. */
    public static Result run(int contacts, int activities, String maxHeap, Duration timeout) throws InterruptedException {
        Path data;
        try {
            data = Files.createTempDirectory("ghl-sync-bench-backfill");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (SandboxServer sandbox = new SandboxServer(0).start()) {
            Result result = measure(sandbox, data, contacts, activities, maxHeap, timeout);
            deleteTree(data); // kept after a failure: the engine's log is there
            return result;
        }
    }

    private static Result measure(SandboxServer sandbox, Path data, int contacts, int activities, String maxHeap,
            Duration timeout) throws InterruptedException {
        sandbox.ghl().defaultRateLimits(new RateLimits(5_000, 10_000, 100_000_000, LocalTime.MIDNIGHT), true);
        sandbox.ghl().seed(GhlSandbox.DEFAULT_LOCATION_ID,
                new ContactSeeder.Plan(contacts, activities, activities, activities, 3));
        try (EngineProcess engine = EngineProcess.start(sandbox, EngineProcess.freePort(), data, "bench",
                List.of("-Xmx" + maxHeap))) {
            long started = System.nanoTime();
            JsonNode answer = engine.admin("POST", "/admin/backfill");
            if (!"running".equals(answer.path("state").asText())) {
                throw new IllegalStateException("the backfill did not start: " + answer);
            }
            long[] peak = {0};
            long[] live = {0};
            String[] state = {"running"};
            EngineProcess.await("the backfill is done", timeout, () -> {
                String metrics = engine.text("GET", "/observe/metrics");
                peak[0] = Math.max(peak[0], sum(HEAP_USED, metrics));
                live[0] = Math.max(live[0], sum(LIVE_DATA, metrics));
                state[0] = engine.admin("GET", "/admin/backfill").path("state").asText();
                if (!state[0].equals("running") && !state[0].equals("done")) {
                    throw new IllegalStateException("the backfill is " + state[0] + " (log in " + data + ")");
                }
                return state[0].equals("done") || sleep();
            });
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            int copied = engine.admin("GET", "/admin/backfill").path("copied").asInt();
            return new Result(contacts, copied, elapsed, copied / (elapsed.toMillis() / 1000.0), peak[0], live[0], maxHeap,
                    sandbox.clientjoy().clientCount());
        }
    }

    /** The engine's state database and log are only scaffolding of the run: removed after it. */
    static void deleteTree(Path root) {
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary folder is not worth failing a finished benchmark for
        }
    }

    /** The sum of the values of one metric's series in a Prometheus scrape. */
    static long sum(Pattern metric, String metrics) {
        Matcher m = metric.matcher(metrics);
        double sum = 0;
        while (m.find()) {
            sum += Double.parseDouble(m.group(1));
        }
        return (long) sum;
    }

    /** One scrape a second; false, so the wait goes on. */
    private static boolean sleep() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }
}
