package io.ghlsync.bench;

import io.ghlsync.sandbox.ghl.RateLimits;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where scenarios get their sandbox and engine. A full run starts a fresh pair per measurement (clean ledger, clean
 * database, the scenario's own properties); a smoke run shares one pair, started once with short aggregation windows,
 * so all scenarios fit in a minute. Scenarios therefore only ever read differences of the ledger.
 */
final class RigSource implements AutoCloseable {

    /** The smoke run's aggregation window: short, so the calls scenario settles quickly; its meaning is unchanged. */
    private static final Map<String, String> SMOKE = Map.of("cliengo.aggregate.window-ms", "300",
            "cliengo.aggregate.check-interval-ms", "50");

    private final Path workDir;
    private final BenchRig shared;

    private RigSource(Path workDir, BenchRig shared) {
        this.workDir = workDir;
        this.shared = shared;
    }

    static RigSource of(boolean smoke, Path workDir) throws IOException {
        return new RigSource(workDir, smoke ? BenchRig.shared(workDir.resolve("smoke"), SMOKE) : null);
    }

    boolean smoke() {
        return shared != null;
    }

    /** How long without a GHL call (and with empty inboxes) counts as settled: longer than two aggregation windows. */
    java.time.Duration quiet() {
        return java.time.Duration.ofMillis(smoke() ? 1_500 : 4_000);
    }

    /** A rig whose locations have {@code limits}; {@code properties} apply to a fresh engine only (not in smoke runs). */
    BenchRig open(String name, RateLimits limits, Map<String, String> properties) throws IOException {
        if (shared != null) {
            // what the scenario before left in the engine (a rate scenario's backlog) must not count for this one
            shared.limits(BenchRig.NO_LIMITS).awaitSettled(quiet(), java.time.Duration.ofMinutes(2));
            return shared.limits(limits);
        }
        return BenchRig.start(workDir.resolve(name), limits, properties).limits(limits);
    }

    @Override
    public void close() {
        if (shared != null) {
            shared.shutdown();
        }
    }
}
