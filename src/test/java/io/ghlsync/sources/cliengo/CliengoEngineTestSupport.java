package io.ghlsync.sources.cliengo;

import com.fasterxml.jackson.databind.JsonNode;
import io.ghlsync.Settings;
import io.ghlsync.operations.EngineProperties;
import io.ghlsync.operations.EngineTestSupport;
import io.ghlsync.sandbox.ghl.RateLimits;
import io.ghlsync.state.EntityType;
import io.ghlsync.state.Link;
import io.ghlsync.state.LinkKey;
import io.ghlsync.state.StateDatabase;
import org.junit.jupiter.api.BeforeAll;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine with the Cliengo flow, against the sandbox's GHL and Cliengo: signed webhooks to POST /webhooks/cliengo,
 * reads of the GHL sandbox, its call ledger, the links, and "settled" (nothing pending in the inbox or the
 * aggregators), which is when every received event has had its effect.
 */
public abstract class CliengoEngineTestSupport extends EngineTestSupport {

    protected static final String SECRET = "sandbox-cliengo-secret";
    protected static final String LOCATION = "sandbox-location";
    /** Every GHL operation the Cliengo flow writes with. */
    protected static final List<String> WRITES = List.of("create-contact", "upsert-contact", "add-tags", "remove-tags", "create-note",
            "create-task", "update-task", "update-task-completed", "create-association");
    private static final AtomicInteger EVENTS = new AtomicInteger();

    /** HTTP/1.1, as the engine and the sandboxes speak it (no h2c upgrade attempt on every new connection). */
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    /**
     * These tests count calls and check end states, not rate limiting (RateLimitBurstTest and RateBudgetTest do): the
     * sandbox location gets room for a burst of 10,000, and the engine is told so.
     */
    @BeforeAll
    static void roomyRateLimits() {
        sandbox.ghl().rateLimits(LOCATION, new RateLimits(10_000, 10_000, 10_000_000, null));
    }

    @Override
    protected Settings settings() {
        return super.settings().override("cliengo.webhook-secret", SECRET).override("ghl.rate.burst-max", "10000")
                .override("ghl.rate.daily-max", "10000000");
    }

    @Override
    protected EngineProperties engineProperties() {
        return super.engineProperties()
                .with("cliengo.base-url", sandbox.cliengoBaseUrl())
                .with("cliengo.api-key", "sandbox-cliengo-key")
                .with("cliengo.aggregate.window-ms", "300")
                .with("cliengo.aggregate.check-interval-ms", "50");
    }

    protected static String event(String type, String leadId, String payload) {
        return "{\"eventId\":\"ev_flow_" + EVENTS.incrementAndGet() + "_" + System.nanoTime() + "\",\"type\":\"" + type
                + "\",\"occurredAt\":\"" + Instant.now() + "\",\"leadId\":\"" + leadId + "\"," + payload + "}";
    }

    /** A signed webhook to POST /webhooks/cliengo, as Cliengo sends it; answered 202. */
    protected void post(String body) {
        Answer answer = postCliengo(body.getBytes(StandardCharsets.UTF_8), SECRET);
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(202);
    }

    /** A read from the GHL sandbox (reads are not writes). */
    protected JsonNode ghl(String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(sandbox.ghlBaseUrl() + path))
                .header("Authorization", "Bearer sandbox-token").header("Version", "2021-07-28").GET().build();
        try {
            return JSON.readTree(send(request).body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends with a deadline: a request that hangs fails the test with a reason instead of blocking it forever. */
    protected HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(HttpRequest.newBuilder(request, (name, value) -> true).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every lead the Cliengo sandbox holds, read page by page through its API. */
    protected List<JsonNode> cliengoLeads() {
        List<JsonNode> leads = new java.util.ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = cliengo("/leads?limit=100" + (cursor == null ? "" : "&cursor=" + cursor));
            page.get("leads").forEach(leads::add);
            cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asText(null);
        } while (cursor != null);
        return leads;
    }

    /** A read from the Cliengo sandbox's API. */
    protected JsonNode cliengo(String path) {
        return sourceApi("GET", sandbox.cliengoBaseUrl() + path, "sandbox-cliengo-key").json();
    }

    protected static long writes() {
        return WRITES.stream().mapToLong(CliengoEngineTestSupport::calls).sum();
    }

    protected static long calls(String operationId) {
        return sandbox.ghl().ledger().requests(LOCATION, operationId);
    }

    protected StateDatabase database() {
        return context.getRegistry().lookupByNameAndType("stateDatabase", StateDatabase.class);
    }

    protected Optional<Link> link(EntityType type, String sourceId) {
        return database().links().find(new LinkKey("cliengo", type, LOCATION, sourceId));
    }

    /** No event waiting in the inbox and no batch in an aggregator (open, or completed and still being processed). */
    protected boolean settled() {
        return count("SELECT COUNT(*) FROM inbox WHERE source_system IN ('cliengo', 'cliengo-batches')"
                + " AND state IN ('pending', 'processing')") == 0
                && count("SELECT COUNT(*) FROM cliengo_lead_events") == 0
                && count("SELECT COUNT(*) FROM cliengo_lead_events_completed") == 0
                && count("SELECT COUNT(*) FROM cliengo_tag_additions") == 0
                && count("SELECT COUNT(*) FROM cliengo_tag_additions_completed") == 0;
    }

    protected long count(String sql) {
        try (Connection c = database().dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
