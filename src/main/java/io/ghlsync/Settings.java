package io.ghlsync;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;

/**
 * Where configuration comes from, highest first: overrides set by a command (sandbox mode), Java system properties,
 * the documented environment variables (BRIEF §6), then {@code application.properties}.
 */
public final class Settings implements Function<String, String> {

    /** The public environment variables and the property each one sets. */
    static final Map<String, String> ENVIRONMENT = Map.ofEntries(
            Map.entry("ghl.base-url", "GHL_BASE_URL"),
            Map.entry("ghl.location-id", "GHL_LOCATION_ID"),
            Map.entry("ghl.token", "GHL_TOKEN"),
            Map.entry("ghl.client-id", "GHL_CLIENT_ID"),
            Map.entry("ghl.client-secret", "GHL_CLIENT_SECRET"),
            Map.entry("ghl.refresh-token", "GHL_REFRESH_TOKEN"),
            Map.entry("ghl.webhook.public-key", "GHL_WEBHOOK_PUBLIC_KEY"),
            Map.entry("ghl.webhook.ed25519-key", "GHL_WEBHOOK_ED25519_KEY"),
            Map.entry("ghlsync.db.url", "GHLSYNC_DB_URL"),
            Map.entry("ghlsync.db.user", "GHLSYNC_DB_USER"),
            Map.entry("ghlsync.db.password", "GHLSYNC_DB_PASSWORD"),
            Map.entry("ghlsync.secret-key", "GHLSYNC_SECRET_KEY"),
            Map.entry("ghlsync.admin.user", "GHLSYNC_ADMIN_USER"),
            Map.entry("ghlsync.admin.password", "GHLSYNC_ADMIN_PASSWORD"),
            Map.entry("ghlsync.hawtio.port", "GHLSYNC_HAWTIO_PORT"),
            // ports and folders, so a container, a second instance or a test can move them (defaults in application.properties)
            Map.entry("camel.server.port", "GHLSYNC_HTTP_PORT"),
            Map.entry("camel.management.port", "GHLSYNC_HTTP_PORT"),
            Map.entry("sandbox.port", "GHLSYNC_SANDBOX_PORT"),
            Map.entry("ghlsync.db.dir", "GHLSYNC_DATA_DIR"),
            Map.entry("ghlsync.demo.interval-ms", "GHLSYNC_DEMO_INTERVAL_MS"),
            Map.entry("cliengo.base-url", "CLIENGO_BASE_URL"),
            Map.entry("cliengo.api-key", "CLIENGO_API_KEY"),
            Map.entry("cliengo.webhook-secret", "CLIENGO_WEBHOOK_SECRET"),
            Map.entry("clientjoy.base-url", "CLIENTJOY_BASE_URL"),
            Map.entry("clientjoy.api-key", "CLIENTJOY_API_KEY"));

    private final Properties file;
    private final Map<String, String> environment;
    private final Map<String, String> overrides = new HashMap<>();

    Settings(Properties file, Map<String, String> environment) {
        this.file = file;
        this.environment = environment;
    }

    public static Settings load() {
        Properties file = new Properties();
        try (InputStream in = Settings.class.getResourceAsStream("/application.properties")) {
            if (in != null) {
                file.load(in);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read application.properties: " + e.getMessage(), e);
        }
        return new Settings(file, System.getenv());
    }

    public Settings override(String key, String value) {
        overrides.put(key, value);
        return this;
    }

    @Override
    public String apply(String key) {
        String value = overrides.get(key);
        if (value == null) {
            value = System.getProperty(key);
        }
        if (value == null && ENVIRONMENT.containsKey(key)) {
            value = blankToNull(environment.get(ENVIRONMENT.get(key)));
        }
        if (value == null) {
            value = blankToNull(file.getProperty(key));
        }
        return value;
    }

    public String get(String key, String fallback) {
        String value = apply(key);
        return value == null ? fallback : value;
    }

    /** What camel-main must see too: the overrides and environment values, as initial properties. */
    public Properties forCamel() {
        Properties props = new Properties();
        ENVIRONMENT.forEach((key, env) -> {
            String value = apply(key);
            if (value != null) {
                props.setProperty(key, value);
            }
        });
        props.putAll(overrides);
        return props;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
