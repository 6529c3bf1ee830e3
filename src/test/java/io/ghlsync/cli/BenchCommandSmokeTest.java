package io.ghlsync.cli;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmark harness still runs: {@code bench all --smoke} starts a sandbox and an engine JVM, runs every scenario
 * (backfill included) tiny and prints one table; {@code bench backfill --smoke} alone prints its one line. It checks
 * the table, not speed (figures come from the full run, docs/benchmarks.md).
 */
class BenchCommandSmokeTest {

    private static final String NUMBER = "[\\d,]+(\\.\\d+)?";

    @Test
    void everyScenarioRunsAndPrintsItsRowsWithFiguresBesideTheBaseline() {
        CommandRun run = CommandRun.of("bench", "all", "--smoke");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).containsPattern("\\| scenario +\\| measure +\\| ours +\\| baseline +\\| ours/baseline +\\| target +\\|");
        // scenarios 1 and 2 measure ours and the naive baseline in the same run, and give their ratio
        for (String measure : List.of("fraction of allowed rate", "429 answers", "calls per new lead with tags and a note",
                "calls per updated lead", "calls per unchanged lead", "calls for a tag added to 10 contacts", "leads/s, H2")) {
            assertThat(run.out()).as(measure).containsPattern(Pattern.quote(measure) + "[^|]*\\| " + NUMBER + " +\\| "
                    + NUMBER + " +\\| (" + NUMBER + "|-) +\\|");
        }
        // the naive client makes one call per event: one add-tags call per contact
        assertThat(run.out()).containsPattern("calls for a tag added to 10 contacts +\\| " + NUMBER + " +\\| 10 +\\|");
        for (String measure : List.of("p50 ms", "p99 ms", "max ms")) {
            assertThat(run.out()).as(measure).containsPattern(Pattern.quote(measure) + "[^|]*\\| " + NUMBER + " +\\|");
        }
        // scenario 5: the backfill of 300 contacts (smoke) to Clientjoy, measured alone
        assertThat(run.out()).containsPattern("\\| 5 backfill +\\| contacts copied, 300 contacts to Clientjoy under -Xmx256m +\\| 300 +\\|");
        for (String measure : List.of("contacts/s", "engine heap peak MB")) {
            assertThat(run.out()).as(measure).containsPattern("\\| 5 backfill +\\| " + Pattern.quote(measure) + ", 300 contacts[^|]*\\| "
                    + NUMBER + " +\\|");
        }
        assertThat(run.out()).containsPattern("cliengoLeadToGhlContact records/s \\(1 thread, JMH\\) +\\| " + NUMBER);
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
