package io.ghlsync.cli;

import io.ghlsync.bench.BackfillBenchmark;
import io.ghlsync.bench.MappingBenchmark;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.Callable;

/**
 * {@code bench [scenario]}: the benchmarks whose figures are in docs/benchmarks.md. JMH runs them in a forked JVM on
 * one thread; {@code --smoke} only checks that they still run.
 */
@Command(name = "bench", description = "Run a benchmark and print its figures (scenarios: mapping, backfill).")
public class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", defaultValue = "mapping", paramLabel = "<scenario>", description = "mapping (default) or backfill")
    String scenario;

    @Option(names = "--smoke", description = "a run of a few seconds that only shows the benchmark still works")
    boolean smoke;

    @Option(names = "--mappings-dir", defaultValue = "mappings", description = "the mappings folder (default: mappings)")
    String mappingsDir;

    @Option(names = "--contacts", defaultValue = "100000", description = "backfill: contacts in the GHL location (default: ${DEFAULT-VALUE})")
    int contacts;

    @Option(names = "--activities", defaultValue = "0", description = "backfill: tasks, notes and appointments per contact, each (default: ${DEFAULT-VALUE})")
    int activities;

    @Option(names = "--max-heap", defaultValue = "256m", description = "backfill: the engine's -Xmx (default: ${DEFAULT-VALUE})")
    String maxHeap;

    @Override
    public Integer call() throws Exception {
        if ("backfill".equals(scenario)) {
            return backfill();
        }
        if (!"mapping".equals(scenario)) {
            throw new ParameterException(spec.commandLine(), "unknown scenario '" + scenario + "'; known: mapping, backfill");
        }
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(MappingBenchmark.class.getName())
                .param("mappingsDir", mappingsDir)
                .threads(1)
                .forks(smoke ? 0 : 1)
                .warmupIterations(smoke ? 1 : 5).warmupTime(TimeValue.seconds(smoke ? 1 : 2))
                .measurementIterations(smoke ? 1 : 10).measurementTime(TimeValue.seconds(smoke ? 1 : 2));
        Collection<RunResult> results = new Runner(options.build()).run();
        PrintWriter out = spec.commandLine().getOut();
        for (RunResult result : results) {
            var primary = result.getPrimaryResult();
            out.printf("%-50s %,12.0f ± %,.0f records/s (1 thread)%n", result.getParams().getBenchmark(), primary.getScore(),
                    primary.getScoreError());
        }
        out.flush();
        return 0;
    }

    /** The engine in its own JVM with a capped heap backfills a seeded location; prints time, rate and peak heap. */
    private int backfill() throws InterruptedException {
        int count = smoke ? 300 : contacts;
        BackfillBenchmark.Result r = BackfillBenchmark.run(count, activities, maxHeap, Duration.ofHours(2));
        PrintWriter out = spec.commandLine().getOut();
        out.printf("backfill: %,d of %,d contacts (%d task, note and appointment each) in %.1f s: %,.0f contacts/s;"
                + " engine heap peak %,.1f MB used of -Xmx%s, live data after GC at most %,.1f MB; Clientjoy holds %,d clients%n",
                r.copied(), r.contacts(), activities, r.elapsed().toMillis() / 1000.0, r.contactsPerSecond(),
                r.peakHeapUsedBytes() / 1e6, r.maxHeap(), r.peakLiveDataBytes() / 1e6,
                r.clientsInClientjoy());
        out.flush();
        return r.copied() == r.contacts() && r.clientsInClientjoy() == r.contacts() ? 0 : 1;
    }
}
