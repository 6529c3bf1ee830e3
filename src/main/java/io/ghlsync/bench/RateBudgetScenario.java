package io.ghlsync.bench;

import io.ghlsync.sandbox.ghl.RateLimits;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Scenario 1, rate budget: a backlog of new Cliengo leads (one GHL call each) for one location at GHL's real limit
 * (100 requests / 10 s; the smoke run uses 10 / 1 s), for a fixed measuring time from the first GHL call. Achieved
 * requests/s (accepted ones: ledger requests minus 429s) as a fraction of the allowed rate, and the 429 count. The
 * naive client works through the same backlog with 4 threads and fixed 1 s retries.
 */
final class RateBudgetScenario {

    private static final String NAME = "1 rate budget, 1 location";
    private static final int NAIVE_THREADS = 4;

    private final RigSource rigs;
    private final RateLimits limits;
    private final Duration measure;

    RateBudgetScenario(RigSource rigs) {
        this.rigs = rigs;
        this.limits = rigs.smoke() ? new RateLimits(10, 1_000, 200_000, null) : RateLimits.GHL;
        this.measure = Duration.ofSeconds(rigs.smoke() ? 3 : 60);
    }

    List<BenchRow> run() throws Exception {
        double allowed = limits.burstMax() * 1000.0 / limits.intervalMillis();
        // more leads than the measuring time can take at the allowed rate, so the backlog never runs dry
        int backlog = (int) (allowed * (measure.toSeconds() * 1.25 + 5)) + limits.burstMax();
        try (BenchRig rig = rigs.open("rate", limits, Map.of())) {
            long callsBefore = rig.engineCalls();
            long ours429Before = rig.rateLimited(Bench.LOCATION);
            long naive429Before = rig.rateLimited(Bench.NAIVE_LOCATION);
            LoadPool.run(backlog, 8, i -> rig.webhooks.post(
                    CliengoWebhookClient.leadCreated("ld_rate_" + i, "Rate " + i, List.of("backlog"))));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (rig.engineCalls() == callsBefore) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the engine made no GHL call within 60 s");
                }
                Pause.millis(5);
            }
            long calls0 = rig.engineCalls() - rig.rateLimited(Bench.LOCATION);
            Pause.millis(measure.toMillis());
            long accepted = rig.engineCalls() - rig.rateLimited(Bench.LOCATION) - calls0;
            long ours429 = rig.rateLimited(Bench.LOCATION) - ours429Before;

            long naiveAccepted = naive(rig, backlog);
            long naive429 = rig.rateLimited(Bench.NAIVE_LOCATION) - naive429Before;
            double oursFraction = accepted / (allowed * measure.toSeconds());
            double naiveFraction = naiveAccepted / (allowed * measure.toSeconds());
            String window = limits.burstMax() + "/" + limits.intervalMillis() / 1000 + " s for " + measure.toSeconds() + " s";
            List<BenchRow> rows = new ArrayList<>();
            rows.add(BenchRow.of(NAME, "fraction of allowed rate (" + window + ")", oursFraction, naiveFraction, ">= 0.95"));
            rows.add(BenchRow.of(NAME, "429 answers", ours429, naive429, "0"));
            rows.addAll(new LocationsRateScenario(rig, limits, measure).run());
            return rows;
        }
    }

    /** The naive client's accepted requests within the measuring time (its threads are stopped at its end). */
    private long naive(BenchRig rig, int backlog) {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(NAIVE_THREADS);
        for (int t = 0; t < NAIVE_THREADS; t++) {
            pool.submit(() -> {
                int i;
                while (!Thread.currentThread().isInterrupted() && (i = next.getAndIncrement()) < backlog) {
                    rig.naive.createContact("ld_naive_" + i, "Rate " + i, List.of("backlog"));
                }
            });
        }
        long start = rig.naiveCalls() - rig.rateLimited(Bench.NAIVE_LOCATION);
        Pause.millis(measure.toMillis());
        long accepted = rig.naiveCalls() - rig.rateLimited(Bench.NAIVE_LOCATION) - start;
        pool.shutdownNow();
        try {
            pool.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return accepted;
    }

}
