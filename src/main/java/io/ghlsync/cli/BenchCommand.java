package io.ghlsync.cli;

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
import java.util.Collection;
import java.util.concurrent.Callable;

/**
 * {@code bench [scenario]}: the benchmarks whose figures are in docs/benchmarks.md. JMH runs them in a forked JVM on
 * one thread; {@code --smoke} only checks that they still run.
 */
@Command(name = "bench", description = "Run a benchmark and print its figures (scenarios: mapping).")
public class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", defaultValue = "mapping", paramLabel = "<scenario>", description = "mapping (default)")
    String scenario;

    @Option(names = "--smoke", description = "a run of a few seconds that only shows the benchmark still works")
    boolean smoke;

    @Option(names = "--mappings-dir", defaultValue = "mappings", description = "the mappings folder (default: mappings)")
    String mappingsDir;

    @Override
    public Integer call() throws Exception {
        if (!"mapping".equals(scenario)) {
            throw new ParameterException(spec.commandLine(), "unknown scenario '" + scenario + "'; known: mapping");
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
}
