package io.ghlsync.cli;

import io.ghlsync.Settings;
import io.ghlsync.sandbox.SandboxServer;
import io.ghlsync.sources.ghl.GhlWebhookKeys;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What `run` does in sandbox mode: the sandboxes post to this engine's receivers, which trust the GHL sandbox's keys. */
class SandboxWebhookTrustTest {

    @Test
    void sandboxModeTrustsTheSandboxsKeysAndPointsItsWebhooksAtTheEngine() {
        try (SandboxServer server = new SandboxServer(0).start()) {
            Settings settings = Settings.load().override("camel.server.port", "18080");
            SandboxDefaults.connectWebhooks(settings, server);

            GhlWebhookKeys keys = GhlWebhookKeys.from(settings);
            assertThat(keys.rsa()).isEqualTo(server.ghl().signer().rsaPublicKey());
            assertThat(keys.ed25519()).isEqualTo(server.ghl().signer().ed25519PublicKey());
            assertThat(server.ghl().webhookUrl()).isEqualTo("http://localhost:18080/webhooks/ghl");
            assertThat(server.cliengo().webhookUrl()).isEqualTo("http://localhost:18080/webhooks/cliengo");
        }
    }
}
