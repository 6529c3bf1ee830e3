package io.ghlsync.intake;

import io.ghlsync.sandbox.SandboxServer;
import io.ghlsync.sandbox.ghl.DuplicateRule;
import io.ghlsync.sandbox.ghl.GhlSandbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 3's bar: a webhook acknowledged and then the JVM killed with {@code kill -9} (a real separate process) is
 * processed after restart, once. The first process holds processing at a gate, so when it is killed some items are
 * claimed (their leases must run out) and the rest are pending; the restarted process must turn every acknowledged
 * webhook into exactly one sandbox contact. The sandbox allows duplicate contacts here, so a double write would show.
 */
class InboxKillTest {

    private static final int EVENTS = 12;
    private static final String LEASE = "2s";

    @TempDir
    Path data;

    private SandboxServer sandbox;
    private Process engine;

    @BeforeEach
    void startSandbox() {
        sandbox = new SandboxServer(0).start();
        sandbox.ghl().duplicateRule(GhlSandbox.DEFAULT_LOCATION_ID,
                new DuplicateRule(true, List.of(DuplicateRule.MatchField.EMAIL, DuplicateRule.MatchField.PHONE)));
    }

    @AfterEach
    void stop() {
        if (engine != null) {
            engine.destroyForcibly();
        }
        sandbox.close();
    }

    @Test
    void everyAcknowledgedWebhookBecomesExactlyOneContactAfterKillMinus9AndRestart() throws Exception {
        int port = IntakeHttp.freePort();
        engine = start(port, "closed");

        int acknowledged = 0;
        for (int i = 0; i < EVENTS; i++) {
            String body = IntakeHttp.lead("ev-" + i, "lead-" + (i % 5), "lead.created", "kill" + i + "@example.com");
            for (int delivery = 0; delivery < (i % 4 == 0 ? 3 : 1); delivery++) { // some delivered three times
                HttpResponse<String> answer = IntakeHttp.post(port, body);
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
                assertThat(answer.body()).contains("\"accepted\":true");
            }
            acknowledged++;
        }
        // five ordering keys, three workers: three items are claimed and held at the gate, the rest wait
        assertThat(IntakeHttp.await(Duration.ofSeconds(30),
                () -> states(port).contains("\"processing\":3"))).as(states(port)).isTrue();
        assertThat(states(port)).contains("\"pending\":" + (EVENTS - 3));
        assertThat(sandbox.ghl().location(GhlSandbox.DEFAULT_LOCATION_ID).contactCount()).isZero();

        engine.destroyForcibly(); // SIGKILL: no shutdown hooks, no clean close of the database
        assertThat(engine.waitFor(30, TimeUnit.SECONDS)).isTrue();

        engine = start(port, "open");
        assertThat(IntakeHttp.await(Duration.ofSeconds(60), () -> states(port).equals("{\"done\":" + EVENTS + "}")))
                .as(states(port)).isTrue();

        assertThat(acknowledged).isEqualTo(EVENTS);
        assertThat(sandbox.ghl().location(GhlSandbox.DEFAULT_LOCATION_ID).contactCount()).isEqualTo(EVENTS);
        assertThat(sandbox.ghl().ledger().requests(GhlSandbox.DEFAULT_LOCATION_ID, "upsert-contact")).isEqualTo(EVENTS);
    }

    private Process start(int port, String gate) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                IntakeTestApp.class.getName(), Integer.toString(port), data.toString(), sandbox.ghlBaseUrl(), gate, LEASE)
                .redirectErrorStream(true)
                .redirectOutput(data.resolve("engine-" + gate + ".log").toFile())
                .start();
        boolean up = IntakeHttp.await(Duration.ofSeconds(60), () -> states(port).startsWith("{"));
        assertThat(up).as("the engine answered on port " + port + " (log in " + data + ")").isTrue();
        return process;
    }

    private static String states(int port) {
        try {
            return IntakeHttp.get(port, "/test/inbox-states");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
