package io.ghlsync.intake;

import io.ghlsync.state.StateDatabase;
import org.apache.camel.Exchange;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the test routes call to be observed and steered: a gate that can hold processing before the GHL write (so a
 * test can kill the process with items claimed), a record of what was processed in which order, and failure injection.
 */
public final class ProcessingProbe {

    private final CountDownLatch gate;
    private final List<String> processed = Collections.synchronizedList(new ArrayList<>());
    private final Set<String> busyKeys = ConcurrentHashMap.newKeySet();
    private final AtomicInteger overlaps = new AtomicInteger();
    private final AtomicInteger maxParallel = new AtomicInteger();
    private final AtomicInteger parallel = new AtomicInteger();
    private volatile StateDatabase database;

    public ProcessingProbe(boolean closed) {
        gate = new CountDownLatch(closed ? 1 : 0);
    }

    void database(StateDatabase database) {
        this.database = database;
    }

    public void open() {
        gate.countDown();
    }

    /**
     * Holds the exchange while the gate is closed; notes which ordering keys are being processed at once, and fails an
     * event whose type is "flaky" on its first attempt or "poison" always.
     */
    public void gate(Exchange exchange) throws Exception {
        gate.await();
        String key = exchange.getMessage().getHeader(InboxConstants.ORDERING_KEY, String.class);
        if (!busyKeys.add(key)) {
            overlaps.incrementAndGet();
        }
        maxParallel.accumulateAndGet(parallel.incrementAndGet(), Math::max);
        try {
            String type = exchange.getMessage().getHeader(InboxConstants.EVENT_TYPE, String.class);
            int attempt = exchange.getMessage().getHeader(InboxConstants.ATTEMPT, Integer.class);
            if ("poison".equals(type) || ("flaky".equals(type) && attempt == 1)) {
                throw new IllegalStateException("injected failure of a " + type + " event, attempt " + attempt);
            }
            // a little work, so items of different keys are seen in flight together
            Thread.sleep(20);
        } finally {
            parallel.decrementAndGet();
            busyKeys.remove(key);
        }
    }

    /** Inside the idempotent consumer: what reached the GHL write, in order. */
    public void record(Exchange exchange) {
        processed.add(exchange.getMessage().getHeader(InboxConstants.EVENT_ID, String.class));
    }

    public List<String> processed() {
        synchronized (processed) {
            return List.copyOf(processed);
        }
    }

    public int overlaps() {
        return overlaps.get();
    }

    public int maxParallel() {
        return maxParallel.get();
    }

    /** Item counts per state, as JSON: the crash test reads them over HTTP, the database being this process's. */
    public String states() throws SQLException {
        try (Connection c = database.dataSource().getConnection();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT state, COUNT(*) FROM inbox GROUP BY state ORDER BY state")) {
            StringBuilder json = new StringBuilder("{");
            while (rs.next()) {
                json.append(json.length() > 1 ? "," : "").append('"').append(rs.getString(1)).append("\":").append(rs.getLong(2));
            }
            return json.append('}').toString();
        }
    }
}
