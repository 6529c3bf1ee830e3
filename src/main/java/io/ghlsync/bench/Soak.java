package io.ghlsync.bench;

import io.ghlsync.sandbox.FaultInjector;
import io.ghlsync.sandbox.FaultKind;
import io.ghlsync.sandbox.FaultPlan;
import io.ghlsync.sandbox.SandboxServer;
import io.ghlsync.sandbox.cliengo.CliengoSandbox;
import io.ghlsync.sandbox.ghl.ContactSeeder;
import io.ghlsync.sandbox.ghl.GhlSandbox;
import io.ghlsync.sandbox.ghl.RateLimits;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The soak: the engine in a JVM of its own against the sandbox of this JVM, under a steady mixed load for a number of
 * minutes while the GHL and Clientjoy sandboxes inject faults (a share of the calls answered 5xx, 429 or reset, and
 * every call delayed by 0–50 ms). The load, every second: one Cliengo lead with a note and a task by signed webhook
 * (a sender that retries until acknowledged); every two seconds: a contact with a note and a task created in GHL by
 * hand, which GHL's webhooks bring to the engine and the engine copies to Clientjoy; and a backfill slice (one seeded
 * business of contacts, each with a task, a note and an appointment) started at each of a few even moments. At the
 * end, once the engine has settled, it checks through the sandboxes' APIs that nothing was lost or duplicated and
 * reports records, errors, heap, file descriptors and threads at the start and the end.
 */
public final class Soak {

    /** The engine's JVM as its /observe/metrics shows it at one moment. */
    public record JvmFigures(double heapUsedMb, double liveDataMb, long openFiles, long threads) {

        static JvmFigures of(EngineProcess engine) {
            return new JvmFigures(engine.metric("jvm_memory_used_bytes", "area=\"heap\"") / 1e6,
                    engine.metric("jvm_gc_live_data_size_bytes") / 1e6, (long) engine.metric("process_files_open_files"),
                    (long) engine.metric("jvm_threads_live_threads"));
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "heap in use %.1f MB, live data after GC %.1f MB, open files %d, threads %d",
                    heapUsedMb, liveDataMb, openFiles, threads);
        }
    }

    /** What one soak did and found. */
    public record Report(Duration length, double faultRate, long recordsSent, long recordsDelivered, long duplicates,
            long lost, long faultsInjected, long retriedByLoad, long deadLetters, JvmFigures start, JvmFigures end,
            double peakHeapMb, long peakThreads, long peakOpenFiles, Duration drain, List<String> findings) {

        public boolean passed() {
            return findings.isEmpty();
        }
    }

    private static final String LOCATION = GhlSandbox.DEFAULT_LOCATION_ID;

    private final Duration length;
    private final double faultRate;
    private final int slices;
    private final int sliceContacts;
    private final PrintWriter progress;

    /**
     * {@code length} of steady load, {@code faultRate} the share of GHL and Clientjoy calls that fail (split 40% 5xx,
     * 30% 429, 30% connection reset), {@code slices} backfill slices of {@code sliceContacts} contacts each.
     */
    public Soak(Duration length, double faultRate, int slices, int sliceContacts, PrintWriter progress) {
        if (faultRate < 0 || faultRate > 1) {
            throw new IllegalArgumentException("--faults is a share of calls between 0 and 1, not " + faultRate);
        }
        if (length.isNegative() || length.isZero()) {
            throw new IllegalArgumentException("a soak lasts a positive time");
        }
        this.length = length;
        this.faultRate = faultRate;
        this.slices = slices;
        this.sliceContacts = sliceContacts;
        this.progress = progress;
    }

    /** The fault plan of both sandboxes: {@code faultRate} of the calls fail, every call is delayed 0–50 ms. */
    static FaultPlan faults(double rate, long seed) {
        return FaultPlan.parse(String.format(Locale.ROOT,
                "serverError=%s,rateLimited=%s,connectionReset=%s,latencyJitterMillis=50,seed=%d",
                rate * 0.4, rate * 0.3, rate * 0.3, seed));
    }

    public Report run() throws InterruptedException {
        Path data;
        try {
            data = Files.createTempDirectory("ghl-sync-soak");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (SandboxServer sandbox = new SandboxServer(0).start()) {
            Report report = soak(sandbox, data);
            if (report.passed()) {
                BackfillBenchmark.deleteTree(data);
            } else {
                progress.println("soak: engine log and database kept in " + data);
            }
            return report;
        }
    }

    private Report soak(SandboxServer sandbox, Path data) throws InterruptedException {
        // room for the backfill beside the load; a 1 s interval so that an injected 429 pauses the location 1 s
        sandbox.ghl().defaultRateLimits(new RateLimits(5_000, 1_000, 100_000_000, LocalTime.MIDNIGHT), true);
        List<String> businesses = sandbox.ghl().seed(LOCATION,
                new ContactSeeder.Plan(slices * sliceContacts, 1, 1, 1, slices)).businessIds();
        int port = EngineProcess.freePort();
        String run = "soak" + Long.toHexString(System.nanoTime() & 0xffffff);
        try (EngineProcess engine = EngineProcess.start(sandbox, port, data, "soak", List.of("-Xmx512m",
                "-Dcliengo.webhook-secret=" + CliengoSandbox.DEFAULT_WEBHOOK_SECRET, "-Dcliengo.enrich.enabled=false",
                "-Dghl.webhook.public-key=" + sandbox.ghl().signer().rsaPublicKeyPem(),
                "-Dghl.webhook.ed25519-key=" + sandbox.ghl().signer().ed25519PublicKeyPem()));
             LeadFeed feed = new LeadFeed(run, CliengoSandbox.DEFAULT_WEBHOOK_SECRET, port, 4, Duration.ofMinutes(5))) {
            // Ctrl-C of the soak must not leave the engine's JVM behind
            Thread stopEngine = new Thread(engine::close, "soak-stop-engine");
            Runtime.getRuntime().addShutdownHook(stopEngine);
            try {
                return load(sandbox, engine, feed, businesses, run);
            } finally {
                Runtime.getRuntime().removeShutdownHook(stopEngine);
            }
        }
    }

    private Report load(SandboxServer sandbox, EngineProcess engine, LeadFeed feed, List<String> businesses, String run)
            throws InterruptedException {
        int port = engine.port();
        sandbox.ghl().webhookUrl("http://127.0.0.1:" + port + "/webhooks/ghl");
        JvmFigures start = JvmFigures.of(engine);
        progress.println("soak: " + length.toSeconds() + " s of load, " + faultRate * 100 + "% faults; engine at start: " + start);
        progress.flush();
        FaultPlan plan = faults(faultRate, 42);
        sandbox.faults("ghl").apply(plan);
        sandbox.faults("clientjoy").apply(plan);

        GhlUserActivity ghlUser = new GhlUserActivity(sandbox.ghlBaseUrl(), run);
        ExecutorService ghlWrites = Executors.newSingleThreadExecutor();
        int leads = 0;
        int ghlContacts = 0;
        int slicesStarted = 0;
        double peakHeap = start.heapUsedMb();
        long peakThreads = start.threads();
        long peakFiles = start.openFiles();
        long began = System.nanoTime();
        for (int second = 0; System.nanoTime() - began < length.toNanos(); second++) {
            feed.send(leads, leads + 1);
            leads++;
            if (second % 2 == 0) {
                int i = ghlContacts++;
                ghlWrites.execute(() -> ghlUser.createContact(i));
            }
            if (slicesStarted < slices && second >= slicesStarted * length.toSeconds() / slices) {
                engine.admin("POST", "/admin/backfill?businessId=" + businesses.get(slicesStarted++));
            }
            if (second % 10 == 0) {
                JvmFigures now = JvmFigures.of(engine);
                peakHeap = Math.max(peakHeap, now.heapUsedMb());
                peakThreads = Math.max(peakThreads, now.threads());
                peakFiles = Math.max(peakFiles, now.openFiles());
            }
            if (second % 60 == 59) {
                progress.println("soak: " + (second + 1) + " s, " + leads + " leads, " + ghlContacts + " GHL contacts, "
                        + slicesStarted + " backfill slices started");
                progress.flush();
            }
            long next = began + (second + 1) * 1_000_000_000L;
            Pause.millis(Math.max(0, (next - System.nanoTime()) / 1_000_000));
        }
        long drainFrom = System.nanoTime();
        List<String> findings = new ArrayList<>();
        ghlWrites.shutdown();
        if (!ghlWrites.awaitTermination(5, TimeUnit.MINUTES) || !feed.awaitSent(Duration.ofMinutes(5))) {
            findings.add("the load did not finish sending within 5 minutes of its end");
        }
        Settling settling = new Settling(sandbox, engine, businesses);
        EngineProcess.await("the engine settled (backfills done, inboxes empty, no writes for 5 s)",
                Duration.ofMinutes(10), settling::settled);
        Duration drain = Duration.ofNanos(System.nanoTime() - drainFrom);
        JvmFigures end = JvmFigures.of(engine);
        long injected = injected(sandbox.faults("ghl")) + injected(sandbox.faults("clientjoy"));
        sandbox.faults("ghl").clear();
        sandbox.faults("clientjoy").clear();
        return judge(sandbox, engine, feed, ghlUser, leads, ghlContacts, injected, start, end,
                Math.max(peakHeap, end.heapUsedMb()), Math.max(peakThreads, end.threads()),
                Math.max(peakFiles, end.openFiles()), drain, findings);
    }

    private Report judge(SandboxServer sandbox, EngineProcess engine, LeadFeed feed, GhlUserActivity ghlUser, int leads,
            int ghlContacts, long injected, JvmFigures start, JvmFigures end, double peakHeap, long peakThreads,
            long peakFiles, Duration drain, List<String> findings) {
        SandboxEndState endState = new SandboxEndState(sandbox.baseUrl());
        SandboxEndState.Leads fed = endState.leads(feed, leads);
        SandboxEndState.Clientjoy clientjoy = endState.clientjoy();
        Set<String> ghlIds = new HashSet<>();
        endState.ghlContacts().forEach(c -> ghlIds.add(c.get("id").asText()));
        SandboxEndState.GhlTotals ghl = endState.ghlTotals();
        long deadLetters = engine.admin("GET", "/admin/dead-letters").path("total").asLong();
        if (feed.givenUp() > 0) {
            findings.add(feed.givenUp() + " Cliengo webhooks never acknowledged");
        }
        if (!fed.exactlyOnce()) {
            findings.add("Cliengo leads in GHL: " + fed);
        }
        if (ghlUser.records() != 3L * ghlContacts) {
            findings.add("only " + ghlUser.records() + " of " + 3 * ghlContacts + " GHL records were written by the GHL user");
        }
        Set<String> missing = new HashSet<>(ghlIds);
        missing.removeAll(clientjoy.externalIds());
        Set<String> extra = new HashSet<>(clientjoy.externalIds());
        extra.removeAll(ghlIds);
        if (!missing.isEmpty() || !extra.isEmpty() || clientjoy.duplicateClients() > 0 || clientjoy.clientsCreated() != clientjoy.clients()) {
            findings.add("Clientjoy clients vs GHL contacts: " + missing.size() + " missing, " + extra.size()
                    + " not in GHL, " + clientjoy);
        }
        long ghlTasks = ghl.tasks();
        long ghlNotes = ghl.notes();
        long ghlAppointments = ghl.appointments();
        if (clientjoy.tasks() != ghlTasks || clientjoy.notes() != ghlNotes || clientjoy.activities() != ghlAppointments) {
            findings.add("Clientjoy holds " + clientjoy.tasks() + " tasks, " + clientjoy.notes() + " notes, "
                    + clientjoy.activities() + " activities; GHL " + ghlTasks + ", " + ghlNotes + ", " + ghlAppointments);
        }
        if (deadLetters > 0) {
            findings.add(deadLetters + " dead letters");
        }
        // records to deliver: each lead's contact, note and task to GHL; every record GHL holds at the end to Clientjoy
        long sent = 3L * leads + ghl.contacts() + ghl.tasks() + ghl.notes() + ghl.appointments();
        long clientjoyOnce = Math.min(clientjoy.clients() - clientjoy.duplicateClients(), ghlIds.size())
                + Math.min(clientjoy.tasks(), ghlTasks) + Math.min(clientjoy.notes(), ghlNotes)
                + Math.min(clientjoy.activities(), ghlAppointments);
        long duplicates = fed.duplicates() + clientjoy.duplicateClients() + Math.max(0, clientjoy.tasks() - ghlTasks)
                + Math.max(0, clientjoy.notes() - ghlNotes) + Math.max(0, clientjoy.activities() - ghlAppointments);
        long lost = (3L * leads - fed.delivered()) + missing.size() + Math.max(0, ghlTasks - clientjoy.tasks())
                + Math.max(0, ghlNotes - clientjoy.notes()) + Math.max(0, ghlAppointments - clientjoy.activities());
        return new Report(length, faultRate, sent, fed.delivered() + clientjoyOnce, duplicates, lost, injected,
                feed.failedAttempts() + ghlUser.failedAttempts(), deadLetters, start, end, peakHeap, peakThreads,
                peakFiles, drain, findings);
    }

    private static long injected(FaultInjector injector) {
        return injector.injected(FaultKind.SERVER_ERROR) + injector.injected(FaultKind.RATE_LIMITED)
                + injector.injected(FaultKind.CONNECTION_RESET);
    }

    /** Settled: every backfill slice done, nothing in the inboxes, no GHL or Clientjoy write and no GHL webhook for 5 s. */
    private static final class Settling {

        private final SandboxServer sandbox;
        private final EngineProcess engine;
        private final List<String> businesses;
        private long lastActivity = -1;
        private long lastChange;

        Settling(SandboxServer sandbox, EngineProcess engine, List<String> businesses) {
            this.sandbox = sandbox;
            this.engine = engine;
            this.businesses = businesses;
        }

        boolean settled() {
            long activity = sandbox.faults("ghl").requests() + sandbox.faults("clientjoy").requests()
                    + sandbox.ghl().webhookDeliveries().size();
            if (activity != lastActivity) {
                lastActivity = activity;
                lastChange = System.nanoTime();
                return false;
            }
            if (System.nanoTime() - lastChange < Duration.ofSeconds(5).toNanos()
                    || engine.metric("ghlsync_inbox_backlog") > 0) {
                return false;
            }
            return businesses.stream().allMatch(b ->
                    "done".equals(engine.admin("GET", "/admin/backfill?businessId=" + b).path("state").asText()));
        }
    }

}
