package io.ghlsync.reliability;

import io.ghlsync.sandbox.FaultKind;
import io.ghlsync.sandbox.FaultPlan;
import io.ghlsync.sandbox.ghl.RateLimits;
import io.ghlsync.sources.cliengo.ThousandLeadsTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scenario 1: 1,000 Cliengo leads by webhook while GHL answers 20% of the calls with a 5xx and 10% with a 429. The
 * issue asks for 2,000: on this 2-core machine, shared with other builds, 2,000 did not settle within 7 minutes (each
 * fault costs a redelivery and each 429 a pause), which alone is the suite's whole time box; 1,000 keeps every
 * distribution of the generator (duplicates by email and phone, tags, notes, tasks). Raise LEADS to run the full size.
 * <p>
 * Pass criterion: in the GHL sandbox (read through its API) one contact per person, every lead's tags, notes and tasks
 * on it exactly once, every lead carrying its GHL id; the sandbox's ledger counts exactly the writes a fault-free run
 * makes (an injected fault never reaches the API, so any retried write that had reached it would show as an extra
 * call); no dead letter.
 */
class FlakyGhlTest extends ThousandLeadsTestSupport {

    static final int LEADS = 1_000;
    static final String FAULTS = "serverError=0.2,rateLimited=0.1,seed=11";

    /**
     * An injected 429 pauses the location for one rate interval (RateBudget does what GHL asks); a 100 ms interval
     * keeps ~600 of them from adding ten minutes of waiting, while the burst stays roomy as in the other flow tests.
     */
    @BeforeAll
    static void shortRateInterval() {
        sandbox.ghl().rateLimits(LOCATION, new RateLimits(10_000, 100, 10_000_000, null));
    }

    /**
     * With 30% of calls failing, the test default of 2 redeliveries would dead-letter ~3% of the writes; 12 make that
     * chance 0.3^13 per write. The delays stay short (the shipped backoff is exercised by GhlOutageTest).
     */
    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties p = super.useOverridePropertiesWithPropertiesComponent();
        p.setProperty("ghl.retry.max-redeliveries", "12");
        return p;
    }

    @AfterEach
    void stop() {
        sandbox.cliengo().webhookUrl(null);
        sandbox.faults("ghl").clear();
    }

    @Test
    void everyLeadTagNoteAndTaskIsInGhlExactlyOnceDespite5xxAnd429() {
        sandbox.cliengo().reset();
        sandbox.faults("ghl").resetCounts();
        sandbox.faults("ghl").apply(FaultPlan.parse(FAULTS));
        sandbox.cliengo().webhookUrl("http://127.0.0.1:" + port + "/webhooks/cliengo");
        Map<String, Long> before = ledger();

        var generated = sandbox.cliengo().generate(LEADS, SEED);
        await("every webhook, and every write-back's echo, was delivered and processed", Duration.ofSeconds(420),
                () -> sandbox.cliengo().pendingWebhooks() == 0 && settled() && sandbox.cliengo().pendingWebhooks() == 0);

        long injected = sandbox.faults("ghl").injected(FaultKind.SERVER_ERROR)
                + sandbox.faults("ghl").injected(FaultKind.RATE_LIMITED);
        sandbox.faults("ghl").clear(); // the test's own reads of the end state must not be faulted
        long sent = generated.leads() + generated.notes() + generated.tasks();
        long extraWrites = (sandbox.ghl().location(LOCATION).contactCount() - generated.people())
                + (calls("create-note") - before.get("create-note") - generated.notes())
                + (calls("create-task") - before.get("create-task") - generated.tasks());
        long deadLetters = count("SELECT COUNT(*) FROM dead_letter");
        ScenarioRun.of("1. flaky GHL (20% 5xx, 10% 429), " + LEADS + " leads", injected + " (" + FAULTS + ")", sent).verify(() -> {
            assertThat(injected).as("faults injected").isGreaterThan(LEADS);
            assertThat(deadLetters).as("dead letters").isZero();
            assertEndState(generated);
            assertCalls(generated, before);
        }, sent, extraWrites, deadLetters);
    }
}
