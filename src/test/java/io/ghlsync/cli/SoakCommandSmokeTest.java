package io.ghlsync.cli;

import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The soak harness: {@code bench soak --smoke} starts a sandbox and an engine JVM, keeps a mixed load with 5% faults
 * for 30 s, lets the engine settle, checks the end state through the sandboxes' APIs and prints records, errors and
 * the engine's heap, open files and threads at start and end. The first test asserts that it runs and reports (every
 * figure, a verdict that matches the exit code); the second that the short soak loses and duplicates nothing. Neither
 * asserts speed or memory (the 10-minute figures are in docs/benchmarks.md).
 */
class SoakCommandSmokeTest {

    private static final String MB = "[\\d.]* MB";

    @Test
    void aShortSoakRunsTheEngineUnderFaultsAndPrintsItsFiguresAndVerdict() {
        CommandRun run = CommandRun.of("bench", "soak", "--smoke");
        assertThat(run.out()).containsPattern("soak: 30 s of load with 5\\.0% faults, drained in \\d+ s")
                .containsPattern("soak records: [\\d,]+ sent, [\\d,]+ delivered once, [\\d,]+ duplicated, [\\d,]+ lost")
                .containsPattern("soak errors: [1-9][\\d,]* faults injected, [\\d,]+ load requests retried, [\\d,]+ dead letters")
                .containsPattern("soak engine at start: heap in use [1-9]" + MB + ", live data after GC " + MB
                        + ", open files [1-9]\\d*, threads [1-9]\\d*")
                .containsPattern("soak engine at end: +heap in use [1-9]" + MB + ", live data after GC " + MB
                        + ", open files [1-9]\\d*, threads [1-9]\\d*");
        // the verdict and the exit code agree, and a failed soak names what it found
        if (run.exitCode() == 0) {
            assertThat(run.out()).contains("soak: passed (nothing lost, nothing duplicated, no dead letter)")
                    .doesNotContain("soak FINDING");
        } else {
            assertThat(run.out()).contains("soak: FAILED").contains("soak FINDING: ");
        }
    }

    @Test
    @Disabled("finds a fault not fixed yet (2026-11-23): under load a note or task that joins a lead's batch while"
            + " the batch completes is lost (its events are done in the inbox, no batch carries it, no dead letter);"
            + " the smoke soak lost 1 note of 30 leads. Fixed by branch dbout (AggregationCompletionRaceTest); enable"
            + " after that merge. See docs/reliability.md, scenario 3")
    void aShortSoakWithFaultsLosesAndDuplicatesNothing() {
        CommandRun run = CommandRun.of("bench", "soak", "--smoke");
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).containsPattern("soak records: [\\d,]+ sent, [\\d,]+ delivered once, 0 duplicated, 0 lost")
                .contains("0 dead letters").contains("soak: passed (nothing lost, nothing duplicated, no dead letter)");
    }

    @Test
    void aFaultShareOutsideZeroToOneIsRefusedWithItsReason() {
        CommandRun run = CommandRun.of("bench", "soak", "--smoke", "--faults", "1.5");
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("--faults is a share of calls between 0 and 1, not 1.5");
    }
}
