package io.ghlsync.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Scenario 4, webhook acknowledgement latency: signed lead.created events offered at a fixed 200 requests/s (open
 * loop: each request is timed from when it was due, not when it was sent, so a stalled engine cannot hide its delay by
 * slowing the generator) for 60 s (smoke: 1 s), while the engine also processes them into GHL (limits off). The 202
 * comes after the event is committed to the inbox (durable intake).
 */
final class AckLatencyScenario {

    private static final String NAME = "4 webhook ack latency";
    private static final int RATE = 200;

    private final int seconds;
    private final RigSource rigs;

    AckLatencyScenario(RigSource rigs) {
        this.seconds = rigs.smoke() ? 1 : 60;
        this.rigs = rigs;
    }

    List<BenchRow> run() throws IOException {
        try (BenchRig rig = rigs.open("latency", BenchRig.NO_LIMITS, java.util.Map.of())) {
            int total = RATE * seconds;
            long periodNanos = 1_000_000_000L / RATE;
            ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
            List<CompletableFuture<Integer>> answers = new ArrayList<>(total);
            AtomicLong sent = new AtomicLong();
            AtomicLong failed = new AtomicLong();
            ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
            long start = System.nanoTime() + 50_000_000L;
            try {
                timer.scheduleAtFixedRate(() -> {
                    long i = sent.getAndIncrement();
                    if (i >= total) {
                        return;
                    }
                    long due = start + i * periodNanos;
                    CompletableFuture<Integer> answer = rig.webhooks.postAsync(
                            CliengoWebhookClient.leadCreated("ld_ack_" + i, "Ack " + i, List.of("ack")));
                    synchronized (answers) {
                        answers.add(answer.whenComplete((status, error) -> {
                            latencies.add(System.nanoTime() - due);
                            if (error != null || status != 202) {
                                failed.incrementAndGet();
                            }
                        }));
                    }
                }, 50_000_000L, periodNanos, TimeUnit.NANOSECONDS);
                while (sent.get() < total) {
                    Pause.millis(50);
                }
            } finally {
                timer.shutdownNow();
            }
            synchronized (answers) {
                CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
            }
            long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
            String offered = RATE + "/s for " + seconds + " s";
            List<BenchRow> rows = new ArrayList<>();
            rows.add(BenchRow.alone(NAME, "p50 ms (" + offered + ")", millis(percentile(sorted, 0.50)), "-"));
            rows.add(BenchRow.alone(NAME, "p99 ms", millis(percentile(sorted, 0.99)), "<= 50"));
            rows.add(BenchRow.alone(NAME, "max ms", millis(sorted.length == 0 ? 0 : sorted[sorted.length - 1]), "-"));
            rows.add(BenchRow.alone(NAME, "answers other than 202", failed.get(), "0"));
            return rows;
        }
    }

    private static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }
}
