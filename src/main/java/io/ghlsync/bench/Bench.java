package io.ghlsync.bench;

import io.ghlsync.sandbox.cliengo.CliengoSandbox;
import io.ghlsync.sandbox.ghl.GhlSandbox;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The end-to-end scenarios of docs/benchmarks.md (1 rate budget, 2 calls per record, 3 throughput, 4 webhook ack
 * latency): each starts its own sandbox and engine and measures ours beside the naive baseline in the same run.
 */
public final class Bench {

    /** The scenario names, in the order {@code all} runs them. */
    public static final List<String> SCENARIOS = List.of("rate", "calls", "throughput", "latency");

    static final String LOCATION = GhlSandbox.DEFAULT_LOCATION_ID;
    static final String NAIVE_LOCATION = "bench-naive";
    static final String CLIENGO_SECRET = CliengoSandbox.DEFAULT_WEBHOOK_SECRET;

    private Bench() {
    }

    /** Runs these scenarios ({@link #SCENARIOS}) in turn; engines keep their logs and databases under {@code workDir}. */
    public static List<BenchRow> run(List<String> scenarios, boolean smoke, Path workDir) throws Exception {
        List<BenchRow> rows = new ArrayList<>();
        try (RigSource rigs = RigSource.of(smoke, workDir)) {
            for (String scenario : scenarios) {
                rows.addAll(switch (scenario) {
                    case "rate" -> new RateBudgetScenario(rigs).run();
                    case "calls" -> new CallsPerRecordScenario(rigs).run();
                    case "throughput" -> new ThroughputScenario(rigs).run();
                    case "latency" -> new AckLatencyScenario(rigs).run();
                    default -> throw new IllegalArgumentException("unknown scenario '" + scenario + "'");
                });
            }
        }
        return rows;
    }
}
