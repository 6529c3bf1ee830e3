package io.ghlsync.cli;

import io.ghlsync.Settings;
import io.ghlsync.ghl.GhlLocationSettings;
import io.ghlsync.sandbox.FaultPlan;
import io.ghlsync.sandbox.SandboxServer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    /**
     * Puts each sandbox's fault plan in force: {@code sandbox.faults.<name>} from the settings, then the command line's
     * {@code --faults <name>:<plan>} (which wins). A bad plan or an unknown sandbox is an IllegalArgumentException.
     */
    static void applyFaults(Settings settings, SandboxServer server, List<String> options) {
        Map<String, String> plans = new LinkedHashMap<>();
        for (String name : server.names()) {
            String plan = settings.apply("sandbox.faults." + name);
            if (plan != null) {
                plans.put(name, plan);
            }
        }
        for (String option : options) {
            int colon = option.indexOf(':');
            if (colon < 1) {
                throw new IllegalArgumentException("--faults takes <sandbox>:<key=value,...>, e.g. ghl:serverError=0.2,seed=7; not '" + option + "'");
            }
            plans.put(option.substring(0, colon).strip(), option.substring(colon + 1));
        }
        plans.forEach((name, plan) -> {
            try {
                server.faults(name).apply(FaultPlan.parse(plan));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("faults of the " + name + " sandbox: " + e.getMessage(), e);
            }
        });
    }

    static int port(Settings settings) {
        return Integer.parseInt(settings.get("sandbox.port", String.valueOf(PORT)));
    }
}
