package io.ghlsync.cli;

import io.ghlsync.Settings;
import io.ghlsync.ghl.GhlLocationSettings;
import io.ghlsync.sandbox.SandboxServer;

/** The sandbox identities of BRIEF §6, used when no GHL credentials are configured (or when asked for). */
final class SandboxDefaults {

    static final int PORT = 8099;
    static final String LOCATION_ID = "sandbox-location";
    static final String TOKEN = "sandbox-token";
    static final String CLIENGO_API_KEY = "sandbox-cliengo-key";
    static final String CLIENGO_WEBHOOK_SECRET = "sandbox-cliengo-secret";

    private SandboxDefaults() {
    }

    static boolean unconfigured(Settings settings) {
        return !new GhlLocationSettings(settings).hasCredentials();
    }

    static Settings applyWhenUnconfigured(Settings settings) {
        return unconfigured(settings) ? apply(settings, port(settings)) : settings;
    }

    static Settings apply(Settings settings, int port) {
        return settings.override("ghl.base-url", "http://localhost:" + port + "/ghl")
                .override("ghl.location-id", LOCATION_ID)
                .override("ghl.token", TOKEN)
                .override("cliengo.base-url", "http://localhost:" + port + "/cliengo")
                .override("cliengo.api-key", CLIENGO_API_KEY)
                .override("cliengo.webhook-secret", CLIENGO_WEBHOOK_SECRET);
    }

    /**
     * Points the sandboxes' webhooks at this engine's receivers ({@code /webhooks/cliengo}, {@code /webhooks/ghl}) and
     * makes the engine trust the keys the GHL sandbox generated at its start (instead of GHL's published key).
     */
    static void connectWebhooks(Settings settings, SandboxServer server) {
        String engine = "http://localhost:" + settings.get("camel.server.port", "8080");
        settings.override("ghl.webhook.public-key", server.ghl().signer().rsaPublicKeyPem())
                .override("ghl.webhook.ed25519-key", server.ghl().signer().ed25519PublicKeyPem());
        server.cliengo().webhookUrl(engine + "/webhooks/cliengo");
        server.ghl().webhookUrl(engine + "/webhooks/ghl");
    }

    static int port(Settings settings) {
        return Integer.parseInt(settings.get("sandbox.port", String.valueOf(PORT)));
    }
}
