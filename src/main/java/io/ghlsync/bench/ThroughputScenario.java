package io.ghlsync.bench;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Scenario 3, engine throughput with the sandbox's limits off: N new leads (one lead.created each, one GHL create
 * each) posted as signed webhooks by 16 clients; leads/s from the first post until the N-th contact exists in the GHL
 * sandbox. Beside it, in the same run, the sandbox's raw capacity for the same call (POST /contacts/ by 16 Java HTTP
 * clients, the load generator of this class path: wrk cannot sign bodies per request without a Lua script), as a
 * ratio. Runs with the embedded H2, with PostgreSQL, and with more lead batches at once.
 */
final class ThroughputScenario {

    private static final String NAME = "3 throughput (limits off)";
    private static final int CLIENTS = 16;
    static final String POSTGRES_URL = System.getProperty("ghlsync.bench.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test");
    static final String POSTGRES_USER = System.getProperty("ghlsync.bench.postgres.user", "postgres");

    private final int leads;
    private final RigSource rigs;

    ThroughputScenario(RigSource rigs) {
        this.leads = rigs.smoke() ? 30 : 3_000;
        this.rigs = rigs;
    }

    List<BenchRow> run() throws IOException {
        List<BenchRow> rows = new ArrayList<>();
        rows.add(measure("leads/s, H2, batch concurrency 1", Map.of(), "h2-c1"));
        if (rigs.smoke()) {
            // one engine serves the whole smoke run: its database and settings are the ones it started with
            rows.add(new BenchRow(NAME, "leads/s, H2 batch concurrency 4 and PostgreSQL", "not in --smoke", "-", "-", "-"));
            return rows;
        }
        // every generated lead is another person: the new contacts need not be held in intake order to run 4 at once
        rows.add(measure("leads/s, H2, batch concurrency 4, unordered new contacts", Map.of("cliengo.batch.concurrency", "4",
                "cliengo.batch.ordered-new-contacts", "false"), "h2-c4"));
        String schema = "ghlsync_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        if (!postgres("CREATE SCHEMA " + schema)) {
            rows.add(new BenchRow(NAME, "leads/s, PostgreSQL, batch concurrency 1", "skipped: no PostgreSQL at "
                    + POSTGRES_URL, "-", "-", "-"));
            return rows;
        }
        try {
            Map<String, String> pg = new LinkedHashMap<>();
            pg.put("ghlsync.db.url", POSTGRES_URL + "?currentSchema=" + schema);
            pg.put("ghlsync.db.user", POSTGRES_USER);
            rows.add(measure("leads/s, PostgreSQL, batch concurrency 1", pg, "pg-c1"));
        } finally {
            postgres("DROP SCHEMA " + schema + " CASCADE");
        }
        return rows;
    }

    private BenchRow measure(String measure, Map<String, String> properties, String dir) throws IOException {
        try (BenchRig rig = rigs.open("throughput-" + dir, BenchRig.NO_LIMITS, properties)) {
            long before = rig.engineCalls("create-contact");
            long start = System.nanoTime();
            LoadPool.run(leads, CLIENTS, i -> rig.webhooks.post(
                    CliengoWebhookClient.leadCreated("ld_speed_" + i, "Speed " + i, List.of("speed"))));
            long deadline = start + Duration.ofMinutes(10).toNanos();
            while (rig.engineCalls("create-contact") - before < leads) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("only " + (rig.engineCalls("create-contact") - before) + " of " + leads
                            + " leads reached GHL within 10 minutes");
                }
                Pause.millis(10);
            }
            double ours = leads / seconds(System.nanoTime() - start);

            long rawStart = System.nanoTime();
            LoadPool.run(leads, CLIENTS, i -> rig.naive.createContact("ld_raw_" + i, "Raw " + i, List.of("speed")));
            double raw = leads / seconds(System.nanoTime() - rawStart);
            return BenchRow.of(NAME, measure + " (" + leads + " leads; baseline: sandbox raw capacity)", ours, raw,
                    ">= 1,000 (H2)");
        }
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    /** Runs one statement on the bench's PostgreSQL; false when there is none to reach. */
    private static boolean postgres(String sql) {
        try (Connection c = DriverManager.getConnection(POSTGRES_URL, POSTGRES_USER, "");
                Statement s = c.createStatement()) {
            s.execute(sql);
            return true;
        } catch (SQLException e) {
            return false;
        }
    }
}
