package io.ghlsync.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The benchmark harness still runs (a smoke run; figures come from the bench command, see docs/benchmarks.md). */
class BenchCommandSmokeTest {

    @Test
    void theMappingBenchmarkRunsAndReportsRecordsPerSecond() {
        CommandRun run = CommandRun.of("bench", "--smoke");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).containsPattern("MappingBenchmark.cliengoLeadToGhlContact\\s+[\\d,]+ .* records/s");
    }

    @Test
    void theBackfillBenchmarkRunsTheEngineInItsOwnJvmAndReportsItsHeap() {
        CommandRun run = CommandRun.of("bench", "backfill", "--smoke");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).containsPattern("backfill: 300 of 300 contacts .* contacts/s; engine heap peak [\\d.,]+ MB used of -Xmx256m, live data after GC at most [\\d.,]+ MB;"
                + " Clientjoy holds 300 clients");
    }

    @Test
    void anUnknownScenarioIsNamed() {
        CommandRun run = CommandRun.of("bench", "everything");
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("unknown scenario 'everything'");
    }
}
