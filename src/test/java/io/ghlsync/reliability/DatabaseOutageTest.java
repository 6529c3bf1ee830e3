package io.ghlsync.reliability;

import io.ghlsync.Settings;
import io.ghlsync.sandbox.cliengo.CliengoEvents;
import io.ghlsync.state.PostgresTestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scenario 7: the engine's PostgreSQL becomes unreachable for 20 s while Cliengo webhooks arrive. The machine's
 * PostgreSQL keeps running (other builds share it): the engine reaches it through a {@link TcpProxy} the test cuts.
 * <p>
 * Pass criterion: while the database is cut every webhook is answered 503 (never 2xx: nothing is acknowledged that is
 * not stored); after it is back, the webhooks the sender retries (as Cliengo does after a 503) and new ones are
 * acknowledged; every lead acknowledged before, during or after the cut is in the GHL sandbox once with its note, and
 * there is no dead letter.
 */
class DatabaseOutageTest extends ReliabilityTestSupport {

    static final Duration CUT = Duration.ofSeconds(20);
    static final int BEFORE = 20;
    static final int AFTER = 20;
    private static TcpProxy proxy;

    @BeforeAll
    static void startProxy() {
        URI postgres = URI.create(PostgresTestDatabase.URL.substring("jdbc:".length()));
        proxy = new TcpProxy(postgres.getHost(), postgres.getPort());
    }

    @AfterAll
    static void stopProxy() {
        proxy.close();
    }

    @Override
    protected boolean onPostgres() {
        return true;
    }

    /** The engine's own schema in PostgreSQL, reached through the proxy. */
    @Override
    protected Settings settings() {
        Settings settings = super.settings();
        URI postgres = URI.create(PostgresTestDatabase.URL.substring("jdbc:".length()));
        String direct = postgres.getHost() + ":" + postgres.getPort();
        return settings.override("ghlsync.db.url", settings.get("ghlsync.db.url", "")
                .replace(direct, "127.0.0.1:" + proxy.port()));
    }

    @Test
    void webhooksGet503WhileTheDatabaseIsCutAndNothingAcknowledgedIsLost() {
        assertThat(database().isEmbedded()).isFalse();
        int next = 0;
        for (; next < BEFORE; next++) {
            postLeadWithNote("dbcut", next);
        }

        proxy.cut();
        long cutAt = System.nanoTime();
        List<Integer> statusesDuringCut = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        while (System.nanoTime() - cutAt < CUT.toNanos()) {
            for (String body : leadWithNote("dbcut", next)) {
                int status = postRaw(body);
                statusesDuringCut.add(status);
                if (status != 202) {
                    refused.add(body);
                }
            }
            next++;
        }
        proxy.restore();

        // the sender retries what was refused, as Cliengo does after a 503, until the engine stores it again
        for (String body : refused) {
            await("a refused webhook is accepted once the database is back", Duration.ofSeconds(60),
                    () -> postRaw(body) == 202);
        }
        int total = next + AFTER;
        for (; next < total; next++) {
            postLeadWithNote("dbcut", next);
        }
        await("every stored lead reached GHL", Duration.ofSeconds(180), this::settled);

        Delivered delivered = delivered("dbcut", total);
        long deadLetters = deadLetters();
        ScenarioRun.of("7. database cut " + CUT.toSeconds() + " s (PostgreSQL via TCP proxy)",
                statusesDuringCut.size() + " webhooks during the cut", 2L * total).verify(() -> {
            assertThat(statusesDuringCut).as("answers while the database was cut").isNotEmpty().containsOnly(503);
            assertThat(deadLetters).as("dead letters").isZero();
            assertThat(delivered.contacts()).as("leads in GHL").isEqualTo(total);
            assertThat(delivered.notes()).as("notes in GHL").isEqualTo(total);
            assertThat(delivered.duplicateNotes()).as("duplicate notes").isZero();
        }, delivered.contacts() + delivered.notes(), delivered.duplicateNotes(), deadLetters);
    }

    /** A signed webhook; answers the status, whatever it is. */
    private int postRaw(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return post("/webhooks/cliengo", "application/json", bytes,
                Map.of("X-Cliengo-Signature", CliengoEvents.signature(SECRET, bytes))).status();
    }
}
