package io.ghlsync.cli;

import io.ghlsync.bench.BackfillBenchmark;
import io.ghlsync.bench.Bench;
import io.ghlsync.bench.BenchRow;
import io.ghlsync.bench.MappingBenchmark;
import io.ghlsync.bench.Soak;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code bench <scenario>|all}: the benchmarks whose figures are in docs/benchmarks.md, printed as one table. The
 * end-to-end scenarios (rate, calls, throughput, latency) run the engine as its own JVM against a sandbox over HTTP,
 * beside a naive baseline; backfill copies a seeded GHL location to Clientjoy with the engine's heap capped; mapping
 * runs JMH. {@code --smoke} runs each tiny, only to show the harness still works.
 */
@Command(name = "bench", description = "Run benchmarks and print their figures as one table "
        + "(scenarios: rate, calls, throughput, latency, backfill, mapping, all; soak: a steady mixed load with faults).")
public class BenchCommand implements Callable<Integer> {

    private static final List<String> KNOWN = Stream.concat(Bench.SCENARIOS.stream(),
            Stream.of("backfill", "mapping", "soak", "all")).toList();

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", defaultValue = "mapping", paramLabel = "<scenario>",
            description = "rate, calls, throughput, latency, backfill, mapping (default), all, or soak")
    String scenario;

    @Option(names = "--smoke", description = "a tiny run (under a minute for all) that only shows the harness still works")
    boolean smoke;

    @Option(names = "--mappings-dir", defaultValue = "mappings", description = "the mappings folder (default: mappings)")
    String mappingsDir;

    @Option(names = "--keep", description = "keep the engines' logs and databases (in a temporary folder, printed)")
    boolean keep;

    @Option(names = "--contacts", defaultValue = "100000", description = "backfill: contacts in the GHL location (default: ${DEFAULT-VALUE})")
    int contacts;

    @Option(names = "--activities", defaultValue = "0", description = "backfill: tasks, notes and appointments per contact, each (default: ${DEFAULT-VALUE})")
    int activities;

    @Option(names = "--max-heap", defaultValue = "256m", description = "backfill: the engine's -Xmx (default: ${DEFAULT-VALUE})")
    String maxHeap;

    @Option(names = "--minutes", defaultValue = "10", description = "soak: minutes of steady load (default: ${DEFAULT-VALUE}; --smoke: 30 s)")
    int minutes;

    @Option(names = "--faults", defaultValue = "0.05", description = "soak: share of GHL and Clientjoy calls that fail (5xx, 429, reset; default: ${DEFAULT-VALUE})")
    double faults;

    @Override
    public Integer call() throws Exception {
        if (!KNOWN.contains(scenario)) {
            throw new ParameterException(spec.commandLine(), "unknown scenario '" + scenario + "'; known: "
                    + String.join(", ", KNOWN));
        }
        if ("backfill".equals(scenario)) {
            return backfillAlone();
        }
        if ("soak".equals(scenario)) {
            return soak();
        }
        List<BenchRow> rows = new ArrayList<>();
        Path workDir = Files.createTempDirectory("ghl-sync-bench");
        boolean done = false;
        boolean backfillComplete = true;
        try {
            if ("all".equals(scenario)) {
                rows.addAll(Bench.run(Bench.SCENARIOS, smoke, workDir));
                BackfillBenchmark.Result backfill = backfill();
                backfillComplete = complete(backfill);
                rows.addAll(backfillRows(backfill));
            } else if (!"mapping".equals(scenario)) {
                rows.addAll(Bench.run(List.of(scenario), smoke, workDir));
            }
            if ("all".equals(scenario) || "mapping".equals(scenario)) {
                rows.addAll(mapping());
            }
            done = true;
        } finally {
            if (keep || !done) {
                spec.commandLine().getErr().println("engine logs and databases: " + workDir);
            } else {
                delete(workDir);
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(BenchRow.table(rows));
        out.flush();
        return backfillComplete ? 0 : 1;
    }

    /** Scenario 6: the Cliengo lead -> GHL contact mapping under JMH, one thread. */
    private List<BenchRow> mapping() throws Exception {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(MappingBenchmark.class.getName())
                .param("mappingsDir", mappingsDir)
                .verbosity(VerboseMode.SILENT)
                .threads(1)
                .forks(smoke ? 0 : 1)
                .warmupIterations(smoke ? 1 : 5).warmupTime(TimeValue.seconds(smoke ? 1 : 2))
                .measurementIterations(smoke ? 1 : 10).measurementTime(TimeValue.seconds(smoke ? 1 : 2));
        List<BenchRow> rows = new ArrayList<>();
        for (RunResult result : new Runner(options.build()).run()) {
            var primary = result.getPrimaryResult();
            String name = result.getParams().getBenchmark();
            rows.add(new BenchRow("6 mapping", name.substring(name.lastIndexOf('.') + 1) + " records/s (1 thread, JMH)",
                    BenchRow.format(primary.getScore()) + " ± " + BenchRow.format(primary.getScoreError()), "-", "-",
                    ">= 50,000"));
        }
        return rows;
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Scenario 5: the engine in its own JVM with a capped heap backfills a seeded location (to Clientjoy). */
    private BackfillBenchmark.Result backfill() throws InterruptedException {
        int count = smoke ? 300 : contacts;
        return BackfillBenchmark.run(count, activities, maxHeap, Duration.ofHours(2));
    }

    private static boolean complete(BackfillBenchmark.Result r) {
        return r.copied() == r.contacts() && r.clientsInClientjoy() == r.contacts();
    }

    /** Scenario 5's rows in the {@code all} table (no naive baseline: it is measured alone). */
    private List<BenchRow> backfillRows(BackfillBenchmark.Result r) {
        String what = String.format(java.util.Locale.ROOT, "%,d contacts to Clientjoy under -Xmx%s", r.contacts(), r.maxHeap());
        return List.of(
                new BenchRow("5 backfill", "contacts copied, " + what, BenchRow.format(r.copied()), "-", "-", "completes"),
                new BenchRow("5 backfill", "contacts/s, " + what, BenchRow.format(r.contactsPerSecond()), "-", "-", "-"),
                new BenchRow("5 backfill", "engine heap peak MB, " + what, BenchRow.format(r.peakHeapUsedBytes() / 1e6),
                        "-", "-", "< cap"));
    }

    /** {@code bench soak}: the steady mixed load with faults; prints its figures; fails when something was lost or doubled. */
    private int soak() throws InterruptedException {
        if (minutes < 1) {
            throw new ParameterException(spec.commandLine(), "--minutes must be at least 1, not " + minutes);
        }
        PrintWriter out = spec.commandLine().getOut();
        Soak soak;
        try {
            soak = smoke ? new Soak(Duration.ofSeconds(30), faults, 1, 50, out)
                    : new Soak(Duration.ofMinutes(minutes), faults, minutes, 300, out);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        Soak.Report r = soak.run();
        out.printf(java.util.Locale.ROOT, "soak: %d s of load with %.1f%% faults, drained in %d s%n", r.length().toSeconds(),
                r.faultRate() * 100, r.drain().toSeconds());
        out.printf(java.util.Locale.ROOT, "soak records: %,d sent, %,d delivered once, %,d duplicated, %,d lost%n",
                r.recordsSent(), r.recordsDelivered(), r.duplicates(), r.lost());
        out.printf(java.util.Locale.ROOT, "soak errors: %,d faults injected, %,d load requests retried, %,d dead letters%n",
                r.faultsInjected(), r.retriedByLoad(), r.deadLetters());
        out.println("soak engine at start: " + r.start());
        out.println("soak engine at end:   " + r.end());
        out.printf(java.util.Locale.ROOT, "soak engine peaks (sampled every 10 s): heap in use %.1f MB, threads %d, open files %d%n",
                r.peakHeapMb(), r.peakThreads(), r.peakOpenFiles());
        r.findings().forEach(f -> out.println("soak FINDING: " + f));
        out.println(r.passed() ? "soak: passed (nothing lost, nothing duplicated, no dead letter)" : "soak: FAILED");
        out.flush();
        return r.passed() ? 0 : 1;
    }

    /** {@code bench backfill}: prints time, rate and peak heap on one line; fails unless every contact arrived once. */
    private int backfillAlone() throws InterruptedException {
        BackfillBenchmark.Result r = backfill();
        PrintWriter out = spec.commandLine().getOut();
        out.printf("backfill: %,d of %,d contacts (%d task, note and appointment each) in %.1f s: %,.0f contacts/s;"
                + " engine heap peak %,.1f MB used of -Xmx%s, live data after GC at most %,.1f MB; Clientjoy holds %,d clients%n",
                r.copied(), r.contacts(), activities, r.elapsed().toMillis() / 1000.0, r.contactsPerSecond(),
                r.peakHeapUsedBytes() / 1e6, r.maxHeap(), r.peakLiveDataBytes() / 1e6,
                r.clientsInClientjoy());
        out.flush();
        return complete(r) ? 0 : 1;
    }
}
