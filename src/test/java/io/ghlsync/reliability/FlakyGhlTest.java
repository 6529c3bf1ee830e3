package io.ghlsync.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import io.ghlsync.Settings;
import io.ghlsync.sandbox.FaultKind;
import io.ghlsync.sandbox.FaultPlan;
import io.ghlsync.sandbox.ghl.RateLimits;
import io.ghlsync.sources.cliengo.ThousandLeadsTestSupport;
import io.ghlsync.state.EntityType;
import io.ghlsync.state.Link;
import io.ghlsync.state.LinkKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scenario 1: the issue's 2,000 Cliengo leads by webhook while GHL answers 20% of the calls with a 5xx and 10% with a
 * 429. The generator makes some leads a second chat of an earlier person (only the email, or only the phone), so new
 * contacts stay in intake order as shipped (cliengo.batch.ordered-new-contacts). On the shared 2-core machine it takes
 * 7–8 minutes; it prints where that time went (stage times, docs/reliability.md).
 * <p>
 * Pass criterion: in the GHL sandbox (read through its API) one contact per person, every lead's tags, notes and tasks
 * on it exactly once, every lead linked to its contact; the sandbox's ledger counts exactly the writes a fault-free run
 * makes (an injected fault never reaches the API, so any retried write that had reached it would show as an extra
 * call); no dead letter.
 */
class FlakyGhlTest extends ThousandLeadsTestSupport {

    static final int LEADS = 2_000;
    static final String FAULTS = "serverError=0.2,rateLimited=0.1,seed=11";

    /**
     * An injected 429 pauses the location for one rate interval (RateBudget does what GHL asks; RateBudgetTest covers
     * the pause); new contacts are written one at a time, so every pause holds the whole run. A 10 ms interval
     * keeps the run's ~850 429s from adding 85 s (at 100 ms) or 2.4 hours (at GHL's 10 s) of waiting, while the
     * burst stays roomy as in the other flow tests.
     */
    @BeforeAll
    static void shortRateInterval() {
        sandbox.ghl().rateLimits(LOCATION, new RateLimits(10_000, 10, 10_000_000, null));
    }

    /**
     * With 30% of calls failing, the test default of 2 redeliveries would dead-letter ~3% of the writes; 12 make that
     * chance 0.3^13 per write. The delays stay short (the shipped backoff is exercised by GhlOutageTest). Lead batches
     * of leads that have a contact run 4 at once beside the ordered new contacts (the shipped 1 runs them in turn), so
     * the ordering is checked with concurrency around it.
     */
    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties p = super.useOverridePropertiesWithPropertiesComponent();
        p.setProperty("ghl.retry.max-redeliveries", "12");
        p.setProperty("cliengo.batch.concurrency", "4");
        return p;
    }

    /**
     * Without the write-back of each lead's GHL id to Cliengo (enrichment): it writes to Cliengo, whose API this
     * scenario does not fault, and each write-back comes back as a lead.updated echo that costs no GHL call but one
     * more event and batch through the engine, 2,000 of them, a third of the run's work (CliengoEnrichmentTest and
     * ThousandLeadsByWebhookTest keep it covered). Each lead's contact is then the one the engine linked it to, and
     * the end state is read from the GHL sandbox as before.
     */
    @Override
    protected Settings settings() {
        return super.settings().override("cliengo.enrich.enabled", "false");
    }

    @Override
    protected String contactIdOf(JsonNode lead) {
        LinkKey key = new LinkKey("cliengo", EntityType.CONTACT, LOCATION, lead.get("id").asText());
        Optional<Link> link = database().links().find(key)
                .or(() -> database().links().find(new LinkKey("cliengo-duplicate", EntityType.CONTACT, LOCATION, key.sourceId())));
        // a second lead of one person is linked as <contact id>#<lead id> (LeadLinks)
        return link.map(l -> l.ghlId().contains("#") ? l.ghlId().substring(0, l.ghlId().indexOf('#')) : l.ghlId()).orElse(null);
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
        long started = System.nanoTime();
        awaitReporting("every webhook was delivered and processed", Duration.ofSeconds(900),
                () -> sandbox.cliengo().pendingWebhooks() == 0 && settled() && sandbox.cliengo().pendingWebhooks() == 0);
        System.out.printf("settled after %.1f s; %d x 5xx, %d x 429 injected; %s%n", (System.nanoTime() - started) / 1e9,
                sandbox.faults("ghl").injected(FaultKind.SERVER_ERROR), sandbox.faults("ghl").injected(FaultKind.RATE_LIMITED),
                stageTimes());

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
