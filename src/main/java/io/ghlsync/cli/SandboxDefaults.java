package io.ghlsync.cli;

import io.ghlsync.Settings;
import io.ghlsync.ghl.GhlLocationSettings;

/** The sandbox identities of BRIEF §6, used when no GHL credentials are configured (or when asked for). */
final class SandboxDefaults {

    static final int PORT = 8099;
    static final String LOCATION_ID = "sandbox-location";
    static final String TOKEN = "sandbox-token";
    static final String CLIENGO_API_KEY = "sandbox-cliengo-key";
    static final String CLIENGO_WEBHOOK_SECRET = "sandbox-cliengo-secret";
    static final String CLIENTJOY_API_KEY = "sandbox-clientjoy-key";

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
                .override("cliengo.webhook-secret", CLIENGO_WEBHOOK_SECRET)
                .override("clientjoy.base-url", "http://localhost:" + port + "/clientjoy")
                .override("clientjoy.api-key", CLIENTJOY_API_KEY);
    }

    static int port(Settings settings) {
        return Integer.parseInt(settings.get("sandbox.port", String.valueOf(PORT)));
    }
}
