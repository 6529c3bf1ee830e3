package io.ghlsync.sources.clientjoy;

import io.ghlsync.Settings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.util.ArrayList;
import java.util.List;

/** The GHL sandbox posts its own signed webhooks to the engine's /webhooks/ghl, whose keys the engine trusts (as in sandbox mode). */
abstract class GhlWebhooksTestSupport extends ClientjoyEngineTestSupport {

    @Override
    protected Settings settings() {
        return super.settings().override("ghl.webhook.public-key", sandbox.ghl().signer().rsaPublicKeyPem())
                .override("ghl.webhook.ed25519-key", sandbox.ghl().signer().ed25519PublicKeyPem());
    }

    @BeforeEach
    void postToTheEngine() {
        sandbox.ghl().clearWebhookDeliveries();
        sandbox.ghl().webhookUrl("http://127.0.0.1:" + port + "/webhooks/ghl");
    }

    @AfterEach
    void stopPosting() {
        sandbox.ghl().webhookUrl(null);
        sandbox.ghl().clearWebhookDeliveries();
    }

    protected long deadLetters() {
        return count("SELECT COUNT(*) FROM dead_letter");
    }

    protected List<String> deadLetterReasons() {
        List<String> reasons = new ArrayList<>();
        query("SELECT source_record, error_message FROM dead_letter", rs -> reasons.add(rs.getString(2) + " in " + rs.getString(1)));
        return reasons;
    }
}
