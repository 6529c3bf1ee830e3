package io.ghlsync.ghl.ratelimit;

import io.ghlsync.ghl.RateLimitHeaders;
import io.ghlsync.sandbox.ghl.SandboxClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a location's budget hands out permits. Windows are an hour long so that nothing frees up by itself while a
 * test looks: every grant observed here is caused by the test, none by timing.
 */
class RateBudgetTest {

    private static final Duration HOUR = Duration.ofHours(1);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stopTimer() {
        timer.shutdownNow();
    }

    private RateBudget budget(int burstMax) {
        return new RateBudget("loc", burstMax, HOUR, 200_000, timer, Clock.systemUTC());
    }

    private static RateLimitHeaders headers(long max, long remaining, long dailyRemaining) {
        return new RateLimitHeaders(max, remaining, HOUR.toMillis(), 200_000, dailyRemaining);
    }

    @Test
    void untilTheFirstAnswerOnlyOneRequestIsInFlight() throws Exception {
        RateBudget budget = budget(100);
        List<CompletableFuture<RateBudget.Permit>> permits = acquire(budget, Priority.LIVE, 3);
        assertThat(granted(permits)).isEqualTo(1);

        budget.release(permits.get(0).get(), 200, headers(100, 99, 199_999), null);
        assertThat(granted(permits)).isEqualTo(3);
    }

    @Test
    void neverMoreThanTheLearnedBurstInOneWindow() throws Exception {
        RateBudget budget = learned(budget(100), 5);
        // one request already answered in this window: four more may go, the rest wait
        List<CompletableFuture<RateBudget.Permit>> permits = acquire(budget, Priority.BACKFILL, 10);
        assertThat(granted(permits)).isEqualTo(4);
        for (CompletableFuture<RateBudget.Permit> p : permits) {
            if (p.isDone()) {
                budget.release(p.get(), 200, RateLimitHeaders.NONE, null);
            }
        }
        assertThat(granted(permits)).as("answered requests still count until the window passes").isEqualTo(4);
    }

    @Test
    void liveTrafficGoesBeforeBackfillWaitingLonger() throws Exception {
        RateBudget budget = budget(100);
        CompletableFuture<RateBudget.Permit> first = budget.acquire(Priority.BACKFILL);
        CompletableFuture<RateBudget.Permit> backfill = budget.acquire(Priority.BACKFILL);
        CompletableFuture<RateBudget.Permit> live = budget.acquire(Priority.LIVE);
        assertThat(backfill).isNotDone();
        assertThat(live).isNotDone();

        // The answer teaches a window with room for exactly one more request.
        budget.release(first.get(), 200, headers(2, 1, 1000), null);
        assertThat(live).isDone();
        assertThat(backfill).isNotDone();
    }

    @Test
    void aRateLimitedAnswerPausesTheLocationForRetryAfter() throws Exception {
        RateBudget budget = learned(budget(100), 100);
        CompletableFuture<RateBudget.Permit> sent = budget.acquire(Priority.LIVE);
        budget.release(sent.get(), 429, headers(100, 0, 1000), HOUR);
        assertThat(budget.acquire(Priority.LIVE)).isNotDone();
        assertThat(budget.rateLimitedAnswers()).isEqualTo(1);
    }

    @Test
    void requestsOfOtherClientsSeenInTheHeadersShrinkWhatIsLeft() throws Exception {
        RateBudget budget = budget(100);
        CompletableFuture<RateBudget.Permit> probe = budget.acquire(Priority.LIVE);
        // GHL says 97 of 100 are used although we sent one: three more may go, not 99.
        budget.release(probe.get(), 200, headers(100, 3, 1000), null);
        assertThat(granted(acquire(budget, Priority.LIVE, 5))).isEqualTo(3);
    }

    @Test
    void anExhaustedDailyQuotaHoldsEveryRequestUntilTheReset() throws Exception {
        RateBudget budget = budget(100);
        CompletableFuture<RateBudget.Permit> probe = budget.acquire(Priority.LIVE);
        budget.release(probe.get(), 200, headers(100, 99, 0), null);
        assertThat(budget.acquire(Priority.LIVE)).isNotDone();
        assertThat(budget.dailyRemaining()).isZero();
    }

    /**
     * After the assumed reset (midnight UTC by the budget's clock) one request goes, alone; GHL saying the quota is still
     * spent (its day starts later) holds everything until the next single probe, 15 minutes on.
     */
    @Test
    void afterTheResetOneProbeGoesAndAStillSpentQuotaWaitsForTheNextProbe() throws Exception {
        SandboxClock time = new SandboxClock(); // now, moved by hand
        RateBudget budget = new RateBudget("loc", 100, HOUR, 200_000, timer, time.asClock());
        budget.release(budget.acquire(Priority.LIVE).get(), 200, headers(100, 99, 0), null);
        CompletableFuture<RateBudget.Permit> first = budget.acquire(Priority.LIVE);
        CompletableFuture<RateBudget.Permit> second = budget.acquire(Priority.LIVE);
        assertThat(first).as("spent before midnight").isNotDone();

        Instant now = time.instant();
        time.advance(Duration.between(now, LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(1).atStartOfDay(ZoneOffset.UTC))
                .plusSeconds(30)); // 00:00:30
        RateBudget.Permit probe = first.get(5, TimeUnit.SECONDS); // the budget re-reads its clock within a second
        assertThat(second).as("one probe at a time").isNotDone();
        budget.release(probe, 429, headers(100, 99, 0), Duration.ofMillis(1)); // the burst window is not what waits here
        assertThat(second).as("GHL's day has not started").isNotDone();

        time.advance(Duration.ofSeconds(810)); // 00:14:00
        assertThat(budget.acquire(Priority.LIVE)).as("before the next probe is due").isNotDone();
        assertThat(second).isNotDone();
        time.advance(Duration.ofMinutes(2)); // 00:16:00
        budget.release(second.get(5, TimeUnit.SECONDS), 200, headers(100, 98, 500), null);
        assertThat(granted(acquire(budget, Priority.LIVE, 10))).as("the quota is back").isEqualTo(10);
        assertThat(budget.dailyQuotaSpent()).isFalse();
    }

    private RateBudget learned(RateBudget budget, int max) throws Exception {
        CompletableFuture<RateBudget.Permit> probe = budget.acquire(Priority.LIVE);
        budget.release(probe.get(), 200, headers(max, max - 1, 1000), null);
        return budget;
    }

    private static List<CompletableFuture<RateBudget.Permit>> acquire(RateBudget budget, Priority priority, int n) {
        List<CompletableFuture<RateBudget.Permit>> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            all.add(budget.acquire(priority));
        }
        return all;
    }

    private static long granted(List<CompletableFuture<RateBudget.Permit>> permits) {
        return permits.stream().filter(CompletableFuture::isDone).count();
    }
}
