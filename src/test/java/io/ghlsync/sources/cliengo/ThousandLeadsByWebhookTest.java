package io.ghlsync.sources.cliengo;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** 1,000 generated leads reach the engine only by the Cliengo sandbox's signed webhooks. */
class ThousandLeadsByWebhookTest extends ThousandLeadsTestSupport {

    @AfterEach
    void stopWebhooks() {
        sandbox.cliengo().webhookUrl(null);
    }

    @Test
    void everyPersonIsOneContactWithEveryTagNoteAndTaskOnceAndEveryLeadCarriesItsGhlId() {
        sandbox.cliengo().reset();
        sandbox.cliengo().webhookUrl("http://127.0.0.1:" + port + "/webhooks/cliengo");
        Map<String, Long> before = ledger();

        var generated = sandbox.cliengo().generate(LEADS, SEED);
        assertThat(generated.duplicateEmails()).isGreaterThan(50);
        assertThat(generated.duplicatePhones()).isGreaterThan(20);
        // quiet: no webhook in flight (read before and after, as a batch being written may post a write-back's echo)
        awaitReporting("every webhook, and every write-back's echo, was delivered and processed", Duration.ofSeconds(600),
                () -> sandbox.cliengo().pendingWebhooks() == 0 && settled() && sandbox.cliengo().pendingWebhooks() == 0);

        assertThat(count("SELECT COUNT(*) FROM dead_letter")).as("dead letters").isZero();
        assertThat(sandbox.cliengo().webhookDeliveries()).allSatisfy(d -> assertThat(d.delivered()).isTrue());
        assertEndState(generated);
        assertCalls(generated, before);
    }
}
