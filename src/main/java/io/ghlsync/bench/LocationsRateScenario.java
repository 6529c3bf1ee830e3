package io.ghlsync.bench;

import io.ghlsync.ghl.GhlComponent;
import io.ghlsync.ghl.GhlConstants;
import io.ghlsync.ghl.GhlLocationSettings;
import io.ghlsync.sandbox.ghl.GhlSandbox;
import io.ghlsync.sandbox.ghl.RateLimits;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Scenario 1 for 10 locations at once. The Cliengo flow writes to one location, so this drives the engine's
 * {@code ghl} component itself (its per-location RateBudget, configured as the engine configures it from
 * {@code ghl.locations}) with a backlog of creates for each location, 4 callers each, in the bench JVM; the naive
 * client does the same on 10 locations of its own.
 */
final class LocationsRateScenario {

    private static final String NAME = "1 rate budget, 10 locations";
    private static final int LOCATIONS = 10;
    private static final int CALLERS = 4;

    private final BenchRig rig;
    private final RateLimits limits;
    private final Duration measure;

    LocationsRateScenario(BenchRig rig, RateLimits limits, Duration measure) {
        this.rig = rig;
        this.limits = limits;
        this.measure = measure;
    }

    List<BenchRow> run() throws Exception {
        GhlSandbox ghl = rig.sandbox.ghl();
        Map<String, String> properties = new HashMap<>();
        properties.put("ghl.base-url", rig.sandbox.ghlBaseUrl());
        properties.put("ghl.rate.burst-max", Integer.toString(limits.burstMax()));
        properties.put("ghl.rate.interval-ms", Long.toString(limits.intervalMillis()));
        properties.put("ghl.rate.daily-max", Long.toString(limits.dailyMax()));
        List<String> ours = new ArrayList<>();
        List<NaiveGhlClient> naive = new ArrayList<>();
        for (int i = 0; i < LOCATIONS; i++) {
            String id = "bench-loc-" + i;
            ours.add(id);
            ghl.createLocation(id, null, id);
            ghl.rateLimits(id, limits);
            properties.put("ghl.location." + id + ".token", ghl.issuePrivateToken(id, GhlSandbox.CONTACT_SCOPES));
            String naiveId = "bench-naive-loc-" + i;
            ghl.createLocation(naiveId, null, naiveId);
            ghl.rateLimits(naiveId, limits);
            naive.add(new NaiveGhlClient(rig.sandbox.ghlBaseUrl(), naiveId, ghl.issuePrivateToken(naiveId,
                    GhlSandbox.CONTACT_SCOPES)));
        }
        properties.put("ghl.locations", String.join(",", ours));
        GhlComponent component = new GhlComponent();
        new GhlLocationSettings(properties::get).configure(component, null);

        double allowed = LOCATIONS * limits.burstMax() * 1000.0 / limits.intervalMillis() * measure.toSeconds();
        long[] oursCounts;
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.addComponent("ghl", component);
            camel.start();
            ProducerTemplate template = camel.createProducerTemplate();
            oursCounts = drive(ours, (location, n) -> template.requestBodyAndHeader("ghl:create-contact",
                    "{\"firstName\":\"Loc " + n + "\",\"email\":\"loc." + location + "." + n + "@bench.example.com\"}",
                    GhlConstants.LOCATION_ID, location));
        }
        long[] naiveCounts = drive(naiveLocationIds(), (location, n) -> naive.get(index(location)).createContact(
                "ld_" + location + "_" + n, "Loc " + n, List.of("backlog")));
        String window = limits.burstMax() + "/" + limits.intervalMillis() / 1000 + " s each for " + measure.toSeconds() + " s";
        return List.of(
                BenchRow.of(NAME, "fraction of allowed rate (" + window + ")", oursCounts[0] / allowed,
                        naiveCounts[0] / allowed, ">= 0.95"),
                BenchRow.of(NAME, "429 answers", oursCounts[1], naiveCounts[1], "0"));
    }

    private interface Call {
        void make(String location, int n);
    }

    /** Calls for {@link #measure} on every location at once; {accepted requests, 429s} over all of them (ledger). */
    private long[] drive(List<String> locations, Call call) throws InterruptedException {
        long[] before = counts(locations);
        ExecutorService pool = Executors.newFixedThreadPool(locations.size() * CALLERS);
        AtomicInteger sequence = new AtomicInteger();
        for (String location : locations) {
            for (int c = 0; c < CALLERS; c++) {
                pool.submit(() -> {
                    while (!Thread.currentThread().isInterrupted()) {
                        call.make(location, sequence.incrementAndGet());
                    }
                    return null;
                });
            }
        }
        Pause.millis(measure.toMillis());
        long[] after = counts(locations);
        pool.shutdownNow();
        pool.awaitTermination(30, TimeUnit.SECONDS);
        return new long[] {after[0] - before[0], after[1] - before[1]};
    }

    private long[] counts(List<String> locations) {
        long requests = 0;
        long limited = 0;
        for (String location : locations) {
            long rateLimited = rig.sandbox.ghl().ledger().rateLimited(location);
            requests += rig.sandbox.ghl().ledger().requests(location) - rateLimited;
            limited += rateLimited;
        }
        return new long[] {requests, limited};
    }

    private static List<String> naiveLocationIds() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < LOCATIONS; i++) {
            ids.add("bench-naive-loc-" + i);
        }
        return ids;
    }

    private static int index(String naiveLocation) {
        return Integer.parseInt(naiveLocation.substring(naiveLocation.lastIndexOf('-') + 1));
    }
}
