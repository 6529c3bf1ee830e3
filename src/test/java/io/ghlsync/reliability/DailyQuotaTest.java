package io.ghlsync.reliability;

import io.ghlsync.ghl.GhlComponent;
import io.ghlsync.ghl.ratelimit.RateBudget;
import io.ghlsync.sandbox.ghl.RateLimits;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scenario 5: the GHL location's daily quota (shrunk to {@value #QUOTA} requests) runs out while leads arrive. The
 * engine's ghl component reads the GHL sandbox's clock, so moving that clock past midnight UTC starts a new day for
 * both (GHL's contract does not say when its day starts: the engine assumes midnight UTC, as the sandbox does).
 * <p>
 * Pass criterion: the engine stops when {@code X-RateLimit-Daily-Remaining} says 0 and sends nothing more until the
 * reset, while more leads keep arriving (they wait); at most one 429 in the sandbox's ledger (no hammering); after the
 * reset every lead and its note is in GHL once; no dead letter.
 */
class DailyQuotaTest extends ReliabilityTestSupport {

    static final long QUOTA = 80;
    /** Leads posted before the quota runs out, then more while it is spent: 2 GHL calls each (create with tags, note). */
    static final int LEADS = 50;
    static final int MORE = 10;

    @BeforeAll
    static void shrunkDailyQuota() {
        sandbox.ghl().rateLimits(LOCATION, new RateLimits(10_000, 10_000, QUOTA, null));
    }

    @Override
    protected Clock ghlClock() {
        return sandbox.ghl().clock().asClock();
    }

    @Test
    void aSpentDailyQuotaPausesDeliveryUntilTheResetWithoutHammeringGhl() {
        for (int i = 0; i < LEADS; i++) {
            postLeadWithNote("quota", i);
        }
        RateBudget budget = context.getComponent("ghl", GhlComponent.class).location(LOCATION).budget();
        await("the daily quota is spent and calls wait", Duration.ofSeconds(60),
                () -> sandbox.ghl().dailyUsed(LOCATION) == QUOTA && budget.dailyQuotaSpent() && budget.waiting() > 0);
        for (int i = LEADS; i < LEADS + MORE; i++) {
            postLeadWithNote("quota", i);
        }
        // the later leads have been aggregated into batches that wait in the inbox behind the spent quota
        await("the later leads wait in the inbox", Duration.ofSeconds(60), () -> count("SELECT COUNT(*) FROM inbox"
                + " WHERE source_system = 'cliengo-batches' AND state = 'pending'") >= MORE);
        long usedWhileSpent = sandbox.ghl().dailyUsed(LOCATION);
        long contactsWhileSpent = sandbox.ghl().location(LOCATION).contactCount();
        long rateLimitedWhileSpent = sandbox.ghl().ledger().rateLimited(LOCATION);

        Instant now = sandbox.ghl().clock().instant();
        Instant midnight = LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        advanceSandboxClock(Duration.between(now, midnight).plusMinutes(1)); // a new day, for GHL and for the engine
        await("every lead reached GHL after the reset", Duration.ofSeconds(60), this::settled);

        long rateLimited = sandbox.ghl().ledger().rateLimited(LOCATION);
        long usedAfterReset = sandbox.ghl().dailyUsed(LOCATION);
        long writes = writes();
        // the test's own reads below count against the location's quota too: room for them (the figures are taken)
        sandbox.ghl().rateLimits(LOCATION, new RateLimits(10_000, 10_000, 10_000_000, null));
        Delivered delivered = delivered("quota", LEADS + MORE);
        long deadLetters = deadLetters();
        describeMissingNotes("quota", LEADS + MORE);
        ScenarioRun.of("5. daily quota (" + QUOTA + " requests) spent, " + (LEADS + MORE) + " leads",
                "daily limit " + QUOTA + "; " + rateLimited + " x 429", 2L * (LEADS + MORE)).verify(() -> {
            assertThat(usedWhileSpent).as("requests on the spent day").isEqualTo(QUOTA);
            assertThat(contactsWhileSpent).as("contacts in GHL while the quota was spent").isLessThan(LEADS + MORE);
            assertThat(rateLimitedWhileSpent).as("429s while the quota was spent").isLessThanOrEqualTo(1);
            assertThat(rateLimited).as("429s in all (no hammering)").isLessThanOrEqualTo(1);
            assertThat(usedAfterReset).as("requests on the new day (writes in all: %d)", writes).isEqualTo(writes - QUOTA);
            assertThat(deadLetters).as("dead letters").isZero();
            assertThat(delivered.contacts()).as("leads in GHL").isEqualTo(LEADS + MORE);
            assertThat(delivered.notes()).as("notes in GHL").isEqualTo(LEADS + MORE);
            assertThat(delivered.duplicateNotes()).as("duplicate notes").isZero();
        }, delivered.contacts() + delivered.notes(), delivered.duplicateNotes(), deadLetters);
    }
}
