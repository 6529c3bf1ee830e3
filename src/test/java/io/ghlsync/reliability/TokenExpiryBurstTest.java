package io.ghlsync.reliability;

import io.ghlsync.Settings;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scenario 4 (first half): the location is connected by OAuth, and its access token expires (the GHL sandbox's clock
 * moves a day on) just before a burst of 100 leads whose batches are written at once (100 lead batches in parallel,
 * so up to 100 concurrent GHL calls, all presenting the expired token).
 * <p>
 * Pass criterion: the sandbox's ledger counts exactly one token refresh for the burst; every lead and its note is in
 * the GHL sandbox once; no dead letter (no record failed). The second half of scenario 4 (a revoked refresh token
 * pausing the location) is {@link RefreshTokenRevokedTest}.
 */
class TokenExpiryBurstTest extends ReliabilityTestSupport {

    static final int BURST = 100;

    @Override
    protected Settings settings() {
        return withOAuthLocation(super.settings());
    }

    /**
     * Every lead's batch at once, so the burst's calls are concurrent (new contacts not held in intake order: every
     * lead here is another person).
     */
    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties p = super.useOverridePropertiesWithPropertiesComponent();
        p.setProperty("cliengo.batch.concurrency", String.valueOf(BURST));
        p.setProperty("cliengo.batch.ordered-new-contacts", "false");
        return p;
    }

    @Test
    void anAccessTokenExpiringUnderABurstIsRefreshedOnceAndNoRecordFails() {
        postLeadWithNote("token", 0); // the engine has a valid access token and has used it
        await("the first lead reached GHL", Duration.ofSeconds(60), this::settled);
        long refreshesBefore = sandbox.ghl().ledger().refreshes();

        advanceSandboxClock(Duration.ofSeconds(90000)); // a day and a bit: the access token has expired
        for (int i = 1; i <= BURST; i++) {
            postLeadWithNote("token", i);
        }
        await("the burst reached GHL", Duration.ofSeconds(180), this::settled);

        long refreshes = sandbox.ghl().ledger().refreshes() - refreshesBefore;
        Delivered delivered = delivered("token", BURST + 1);
        long deadLetters = deadLetters();
        ScenarioRun.of("4a. access token expires under a burst of " + BURST + " leads", "token expired (clock +25 h)",
                2L * (BURST + 1)).verify(() -> {
            assertThat(refreshes).as("token refreshes for the burst").isEqualTo(1);
            assertThat(deadLetters).as("dead letters").isZero();
            assertThat(delivered.contacts()).as("leads in GHL").isEqualTo(BURST + 1);
            assertThat(delivered.notes()).as("notes in GHL").isEqualTo(BURST + 1);
            assertThat(delivered.duplicateNotes()).as("duplicate notes").isZero();
        }, delivered.contacts() + delivered.notes(), delivered.duplicateNotes(), deadLetters);
    }
}
