package io.ghlsync.intake;

import io.ghlsync.sandbox.SandboxServer;
import io.ghlsync.sandbox.ghl.DuplicateRule;
import io.ghlsync.sandbox.ghl.GhlSandbox;
import io.ghlsync.state.StateDatabase;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.test.main.junit5.CamelMainTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The intake and the inbox consumer in one camel-main application over real HTTP, the embedded database and the GHL
 * sandbox (which allows duplicate contacts here, so every extra write would be one contact too many).
 */
class InboxRouteTest extends CamelMainTestSupport {

    private static SandboxServer sandbox;
    private static int port;

    @TempDir
    static Path data;

    private final ProcessingProbe probe = new ProcessingProbe(false);

    @BeforeAll
    static void startSandbox() throws Exception {
        sandbox = new SandboxServer(0).start();
        port = IntakeHttp.freePort();
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    @Override
    protected java.util.Properties useOverridePropertiesWithPropertiesComponent() {
        java.util.Properties p = new java.util.Properties();
        p.setProperty("camel.server.enabled", "true");
        p.setProperty("camel.server.port", Integer.toString(port));
        p.setProperty("camel.management.enabled", "false");
        // an override: the engine's application.properties, also on the class path, names routes/
        p.setProperty("camel.main.routes-include-pattern", "classpath:intake/intake-test-routes.camel.yaml");
        p.setProperty("inbox.concurrency", "4");
        p.setProperty("inbox.lease", "10s");
        p.setProperty("inbox.initial-delay", "0");
        return p;
    }

    @Override
    protected void configure(MainConfigurationProperties configuration) {
        sandbox.ghl().reset();
        sandbox.ghl().duplicateRule(GhlSandbox.DEFAULT_LOCATION_ID,
                new DuplicateRule(true, List.of(DuplicateRule.MatchField.EMAIL, DuplicateRule.MatchField.PHONE)));
        configuration.addConfiguration(new IntakeTestConfiguration(data.resolve(UUID.randomUUID().toString()),
                sandbox.ghlBaseUrl(), probe));
    }

    private int contacts() {
        return sandbox.ghl().location(GhlSandbox.DEFAULT_LOCATION_ID).contactCount();
    }

    private StateDatabase database() {
        return context.getRegistry().lookupByNameAndType("stateDatabase", StateDatabase.class);
    }

    @Test
    void theSameEventDeliveredThreeTimesCreatesOneContact() throws Exception {
        String body = IntakeHttp.lead("ev-dup", "lead-1", "lead.created", "dup@example.com");
        List<String> answers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> answer = IntakeHttp.post(port, body);
            assertThat(answer.statusCode()).isEqualTo(202);
            answers.add(answer.body());
        }
        assertThat(answers.get(0)).contains("\"duplicate\":false");
        assertThat(answers.get(1)).contains("\"duplicate\":true");
        assertThat(answers.get(2)).contains("\"duplicate\":true");

        assertThat(IntakeHttp.await(Duration.ofSeconds(30), () -> database().processedEvents()
                .isProcessed(IntakeTestConfiguration.REPOSITORY_SCOPE, "ev-dup"))).isTrue();
        assertThat(IntakeHttp.await(Duration.ofSeconds(30), () -> "{\"done\":1}".equals(states()))).as(states()).isTrue();
        assertThat(contacts()).isEqualTo(1);
    }

    @Test
    void aReplayOfAProcessedEventThroughTheIdempotentConsumerWritesNothing() throws Exception {
        String body = IntakeHttp.lead("ev-replay", "lead-1", "lead.created", "replay@example.com");
        assertThat(IntakeHttp.post(port, body).statusCode()).isEqualTo(202);
        assertThat(IntakeHttp.await(Duration.ofSeconds(30), () -> contacts() == 1)).isTrue();
        assertThat(IntakeHttp.await(Duration.ofSeconds(30), () -> "{\"done\":1}".equals(states()))).isTrue();

        // as a dead-letter replay or a retried call would: the same event re-enters the processing route
        template.sendBodyAndHeader("direct:apply-contact", body, InboxConstants.EVENT_ID, "ev-replay");
        template.sendBodyAndHeader("direct:apply-contact", body, InboxConstants.EVENT_ID, "ev-replay");

        assertThat(contacts()).isEqualTo(1);
        assertThat(sandbox.ghl().ledger().requests(GhlSandbox.DEFAULT_LOCATION_ID, "upsert-contact")).isEqualTo(1);
    }

    @Test
    void aFailedFirstAttemptIsRecordedOnlyAfterTheRetrySucceeded() throws Exception {
        // non-eager: the failed first attempt records nothing, so the retry is not skipped as a duplicate
        assertThat(IntakeHttp.post(port, IntakeHttp.lead("ev-flaky", "lead-9", "flaky", "flaky@example.com")).statusCode())
                .isEqualTo(202);
        assertThat(IntakeHttp.await(Duration.ofSeconds(30), () -> "{\"done\":1}".equals(states()))).as(states()).isTrue();
        assertThat(contacts()).isEqualTo(1);
        assertThat(database().processedEvents().isProcessed(IntakeTestConfiguration.REPOSITORY_SCOPE, "ev-flaky")).isTrue();
    }

    @Test
    void oneKeyIsProcessedInAcceptanceOrderWhileOtherKeysRunAlongside() throws Exception {
        List<String> expectedA = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            for (String lead : List.of("A", "B", "C", "D")) {
                String eventId = lead + "-" + i;
                if (lead.equals("A")) {
                    expectedA.add(eventId);
                }
                assertThat(IntakeHttp.post(port, IntakeHttp.lead(eventId, "lead-" + lead, "lead.updated",
                        eventId + "@example.com")).statusCode()).isEqualTo(202);
            }
        }
        assertThat(IntakeHttp.await(Duration.ofSeconds(60), () -> "{\"done\":40}".equals(states()))).as(states()).isTrue();

        List<String> processed = probe.processed();
        for (String lead : List.of("A", "B", "C", "D")) {
            List<String> ofLead = processed.stream().filter(e -> e.startsWith(lead + "-")).toList();
            assertThat(ofLead).as(lead).containsExactlyElementsOf(
                    expectedA.stream().map(e -> lead + e.substring(1)).toList());
        }
        assertThat(probe.overlaps()).as("two items of one key at once").isZero();
        assertThat(probe.maxParallel()).as("different keys interleave").isGreaterThan(1);
        assertThat(contacts()).isEqualTo(40);
    }

    @Test
    void badInputGetsA4xxWithAReasonAndStoresNothing() throws Exception {
        HttpResponse<String> noKey = IntakeHttp.post(port, "{\"eventId\":\"x\",\"type\":\"t\"}");
        assertThat(noKey.statusCode()).isEqualTo(400);
        assertThat(noKey.body()).contains("orderingKey at /leadId");
        HttpResponse<String> notJson = IntakeHttp.post(port, "not json");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(IntakeHttp.post(port, "{\"eventId\":\"" + "x".repeat(300_000) + "\"}").statusCode()).isEqualTo(413);
        assertThat(states()).isEqualTo("{}");
    }

    @Test
    void onlyTheNamedHeadersAreStoredAndNeverCredentials() throws Exception {
        HttpResponse<String> answer = IntakeHttp.post(port, IntakeHttp.lead("ev-h", "lead-h", "t", "h@example.com"));
        long id = Long.parseLong(answer.body().replaceAll(".*\"id\":(\\d+).*", "$1"));
        Map<String, String> headers = io.ghlsync.state.JdbcInbox.on(database()).find(id).orElseThrow().headers();
        assertThat(headers).containsOnlyKeys("X-Delivery");

        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> context.getEndpoint("inbox:test?headers=Authorization")))
                .hasRootCauseMessage("inbox:test: header Authorization may carry a credential and is never stored with an inbox item");
    }

    @Test
    void whenTheDatabaseIsGoneTheWebhookGets503AndRetryAfterNeverA2xx() throws Exception {
        assertThat(IntakeHttp.post(port, IntakeHttp.lead("ev-up", "lead-1", "t", "up@example.com")).statusCode()).isEqualTo(202);

        database().close(); // the pool is closed under the running route: every connection attempt now fails

        HttpResponse<String> answer = IntakeHttp.post(port, IntakeHttp.lead("ev-down", "lead-1", "t", "down@example.com"));
        assertThat(answer.statusCode()).isEqualTo(503);
        assertThat(answer.headers().firstValue("Retry-After")).contains("5");
        assertThat(answer.body()).contains("\"accepted\":false").contains("retry later");
    }

    private String states() {
        try {
            return IntakeHttp.get(port, "/test/inbox-states");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
