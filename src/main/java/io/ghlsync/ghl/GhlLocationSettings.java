package io.ghlsync.ghl;

import io.ghlsync.ghl.auth.GhlCredentials;
import io.ghlsync.ghl.auth.OAuthRefreshCredentials;
import io.ghlsync.ghl.auth.PrivateIntegrationToken;
import io.ghlsync.ghl.auth.TokenStore;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads the configured GHL locations from properties and adds them to a {@link GhlComponent}.
 *
 * <p>The location of {@code ghl.location-id} uses {@code ghl.token} or {@code ghl.client-id}/{@code ghl.client-secret}/
 * {@code ghl.refresh-token} (the GHL_* environment variables); further locations are listed in {@code ghl.locations}
 * and configured under {@code ghl.location.<id>.*} with the same keys.
 */
public final class GhlLocationSettings {

    private final Function<String, String> properties;

    public GhlLocationSettings(Function<String, String> properties) {
        this.properties = properties;
    }

    /** True when any credentials for GHL are configured; without them the product runs against its sandbox. */
    public boolean hasCredentials() {
        return present(get("ghl.token")) || present(get("ghl.refresh-token"));
    }

    /** True when some location authenticates with OAuth, whose rotated tokens must be kept in the state database. */
    public boolean usesOAuth() {
        return locationIds().stream().anyMatch(id -> !present(locationKey(id, "token")));
    }

    public String baseUrl() {
        return orDefault(get("ghl.base-url"), "https://services.leadconnectorhq.com");
    }

    public List<String> locationIds() {
        Set<String> ids = new LinkedHashSet<>();
        if (present(get("ghl.location-id"))) {
            ids.add(get("ghl.location-id").trim());
        }
        String more = get("ghl.locations");
        if (present(more)) {
            for (String id : more.split(",")) {
                if (!id.isBlank()) {
                    ids.add(id.trim());
                }
            }
        }
        return new ArrayList<>(ids);
    }

    /** Adds every configured location to the component; a location missing credentials is a startup error. */
    public void configure(GhlComponent component, TokenStore tokenStore) {
        List<String> ids = locationIds();
        if (ids.isEmpty()) {
            throw new IllegalStateException("no GHL location configured: set GHL_LOCATION_ID (or ghl.location-id)");
        }
        for (String id : ids) {
            GhlCredentials credentials = credentials(id, component, tokenStore);
            int burstMax = Integer.parseInt(orDefault(get("ghl.rate.burst-max"), "100"));
            Duration interval = Duration.ofMillis(Long.parseLong(orDefault(get("ghl.rate.interval-ms"), "10000")));
            long dailyMax = Long.parseLong(orDefault(get("ghl.rate.daily-max"), "200000"));
            String baseUrl = orDefault(locationKey(id, "base-url"), baseUrl());
            component.addLocation(new GhlLocation(id, baseUrl, credentials, component.newRateBudget(id, burstMax, interval, dailyMax)));
        }
        if (component.getDefaultLocationId() == null || !ids.contains(component.getDefaultLocationId())) {
            component.setDefaultLocationId(ids.get(0));
        }
    }

    private GhlCredentials credentials(String id, GhlComponent component, TokenStore tokenStore) {
        String token = locationKey(id, "token");
        if (present(token)) {
            return new PrivateIntegrationToken(token.trim(), scopes(locationKey(id, "scopes"), id));
        }
        String refreshToken = locationKey(id, "refresh-token");
        String clientId = locationKey(id, "client-id");
        String clientSecret = locationKey(id, "client-secret");
        if (present(refreshToken) || tokenStore != null && tokenStore.load(id).isPresent()) {
            if (!present(clientId) || !present(clientSecret)) {
                throw new IllegalStateException("location " + id + " uses OAuth but has no client id and secret "
                        + "(GHL_CLIENT_ID, GHL_CLIENT_SECRET or ghl.location." + id + ".client-id/client-secret)");
            }
            if (tokenStore == null) {
                throw new IllegalStateException("location " + id + " uses OAuth: set GHLSYNC_SECRET_KEY so that its rotated "
                        + "refresh tokens can be stored encrypted");
            }
            return new OAuthRefreshCredentials(id, orDefault(locationKey(id, "base-url"), baseUrl()), clientId.trim(),
                    clientSecret.trim(), present(refreshToken) ? refreshToken.trim() : null, tokenStore, component.getHttpClient(),
                    Duration.ofMinutes(5), component.getClock());
        }
        throw new IllegalStateException("location " + id + " has no credentials: set GHL_TOKEN, or GHL_CLIENT_ID, "
                + "GHL_CLIENT_SECRET and GHL_REFRESH_TOKEN (or ghl.location." + id + ".token)");
    }

    /** The default location reads the plain {@code ghl.*} keys, every location its own {@code ghl.location.<id>.*}. */
    private String locationKey(String id, String key) {
        String own = get("ghl.location." + id + "." + key);
        if (present(own)) {
            return own;
        }
        return id.equals(orDefault(get("ghl.location-id"), "").trim()) ? get("ghl." + key) : null;
    }

    private static Set<GhlScope> scopes(String value, String locationId) {
        if (!present(value)) {
            return EnumSet.allOf(GhlScope.class);
        }
        Set<GhlScope> scopes = EnumSet.noneOf(GhlScope.class);
        for (String name : value.split("[\\s,]+")) {
            if (name.isBlank()) {
                continue;
            }
            GhlScope scope = GhlScope.fromScopeName(name.trim());
            if (scope == null) {
                throw new IllegalStateException("location " + locationId + ": unknown scope '" + name
                        + "'; use contacts.readonly and/or contacts.write");
            }
            scopes.add(scope);
        }
        return scopes;
    }

    private String get(String key) {
        return properties.apply(key);
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    private static String orDefault(String value, String fallback) {
        return present(value) ? value.trim() : fallback;
    }
}
