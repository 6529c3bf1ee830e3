package io.ghlsync.bench;

import io.ghlsync.sandbox.SandboxServer;
import io.ghlsync.sandbox.ghl.GhlSandbox;
import io.ghlsync.sandbox.ghl.RateLimits;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one scenario runs against: a fresh sandbox (its own Vert.x server on a free port, in this JVM), the engine
 * (its own JVM) pointed at the sandbox's location, and the naive client on a second location of the same sandbox.
 */
final class BenchRig implements AutoCloseable {

    /** Room for any burst: "limits off" for the scenarios that count calls or measure speed. */
    static final RateLimits NO_LIMITS = new RateLimits(1_000_000, 10_000, 1_000_000_000L, null);

    final SandboxServer sandbox;
    final RigEngine engine;
    final CliengoWebhookClient webhooks;
    final NaiveGhlClient naive;
    /** False for the rig a smoke run shares between scenarios: closing it is its owner's job. */
    private final boolean owned;

    private BenchRig(SandboxServer sandbox, RigEngine engine, boolean owned) {
        this.sandbox = sandbox;
        this.engine = engine;
        this.owned = owned;
        this.webhooks = new CliengoWebhookClient(engine.port());
        GhlSandbox ghl = sandbox.ghl();
        ghl.createLocation(Bench.NAIVE_LOCATION, null, "naive baseline");
        ghl.rateLimits(Bench.NAIVE_LOCATION, ghl.rateLimits(Bench.LOCATION));
        this.naive = new NaiveGhlClient(sandbox.ghlBaseUrl(), Bench.NAIVE_LOCATION,
                ghl.issuePrivateToken(Bench.NAIVE_LOCATION, GhlSandbox.CONTACT_SCOPES));
    }

    /** A sandbox whose locations have {@code limits}, and the engine told the same, with {@code properties} on top. */
    static BenchRig start(Path workDir, RateLimits limits, Map<String, String> properties) throws IOException {
        return start(workDir, limits, properties, true);
    }

    /** The same rig for every scenario of a smoke run: {@link #close()} leaves it running, {@link #shutdown()} ends it. */
    static BenchRig shared(Path workDir, Map<String, String> properties) throws IOException {
        return start(workDir, NO_LIMITS, properties, false);
    }

    private static BenchRig start(Path workDir, RateLimits limits, Map<String, String> properties, boolean owned)
            throws IOException {
        SandboxServer sandbox = new SandboxServer(0).start();
        try {
            sandbox.ghl().rateLimits(Bench.LOCATION, limits);
            Map<String, String> props = new LinkedHashMap<>();
            props.put("ghl.rate.burst-max", Integer.toString(limits.burstMax()));
            props.put("ghl.rate.interval-ms", Long.toString(limits.intervalMillis()));
            props.put("ghl.rate.daily-max", Long.toString(limits.dailyMax()));
            props.putAll(properties);
            return new BenchRig(sandbox, RigEngine.start(sandbox.baseUrl(), props, workDir), owned);
        } catch (IOException | RuntimeException e) {
            sandbox.close();
            throw e;
        }
    }

    /**
     * Both locations' limits from now on. The engine learns them from GHL's headers (it never goes above its
     * configured burst, which is why a shared rig's engine is configured with {@link #NO_LIMITS}).
     */
    BenchRig limits(RateLimits limits) {
        sandbox.ghl().rateLimits(Bench.LOCATION, limits);
        sandbox.ghl().rateLimits(Bench.NAIVE_LOCATION, limits);
        return this;
    }

    /** Every GHL request the engine's location received, 429s included (the sandbox's ledger). */
    long engineCalls() {
        return sandbox.ghl().ledger().requests(Bench.LOCATION);
    }

    long engineCalls(String operationId) {
        return sandbox.ghl().ledger().requests(Bench.LOCATION, operationId);
    }

    long naiveCalls() {
        return sandbox.ghl().ledger().requests(Bench.NAIVE_LOCATION);
    }

    long rateLimited(String location) {
        return sandbox.ghl().ledger().rateLimited(location);
    }

    /**
     * Waits until the engine's inboxes are empty and no GHL call has come for {@code quiet} (longer than the
     * aggregation windows, so an open batch would have completed and been written within it).
     */
    void awaitSettled(Duration quiet, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long lastCalls = -1;
        long quietSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            long calls = engineCalls();
            if (calls != lastCalls || engine.inboxBacklog() != 0) {
                lastCalls = calls;
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince >= quiet.toNanos()) {
                return;
            }
            Pause.millis(100);
        }
        throw new IllegalStateException("the engine did not settle within " + timeout.toSeconds() + " s");
    }

    @Override
    public void close() {
        if (owned) {
            shutdown();
        }
    }

    void shutdown() {
        try {
            engine.close();
        } finally {
            sandbox.close();
        }
    }
}
