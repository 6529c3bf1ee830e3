package io.ghlsync.reliability;

/**
 * One scenario's verdict: runs its assertions and records its row in the {@link ReliabilitySummary} whether they pass
 * or fail (a failed row says why), then lets a failure fail the test.
 */
record ScenarioRun(String scenario, String faults, long sent) {

    static ScenarioRun of(String scenario, String faults, long sent) {
        return new ScenarioRun(scenario, faults, sent);
    }

    void verify(Runnable assertions, long delivered, long duplicates, long deadLetters) {
        try {
            assertions.run();
            ReliabilitySummary.record(new ReliabilitySummary.Row(scenario, faults, sent, delivered, duplicates,
                    deadLetters, "pass"));
        } catch (AssertionError | RuntimeException e) {
            String reason = String.valueOf(e.getMessage()).lines().findFirst().orElse("").replace('|', '/');
            ReliabilitySummary.record(new ReliabilitySummary.Row(scenario, faults, sent, delivered, duplicates,
                    deadLetters, "FAILED: " + reason));
            throw e;
        }
    }
}
