package io.ghlsync.ghl.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ghlsync.ghl.GhlException;
import io.ghlsync.ghl.GhlScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;

/**
 * OAuth 2.0 access tokens for one location, refreshed with the refresh-token grant of {@code POST /oauth/token}.
 * GHL rotates the refresh token on every refresh, so the new pair is saved to the {@link TokenStore} before the new
 * access token is used; and a lock makes concurrent callers share one refresh instead of burning the token.
 * A refresh token GHL refused pauses the location: no call is made with it again until {@link #resume} brings a new one.
 */
public final class OAuthRefreshCredentials implements GhlCredentials {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(OAuthRefreshCredentials.class);

    private final String locationId;
    private final URI tokenUri;
    private final String clientId;
    private final String clientSecret;
    private final TokenStore store;
    private final HttpClient http;
    private final Duration refreshMargin;
    private final Clock clock;
    private final ReentrantLock refreshing = new ReentrantLock();
    private final AtomicLong refreshes = new AtomicLong();

    private volatile OAuthTokens current;
    /** How long GHL's last token lived; a short-lived token is refreshed a fifth of its life early, not minutes. */
    private volatile Duration lifetime = Duration.ofDays(1);
    private volatile OAuthTokens unsaved;
    private volatile String rejectedRefreshToken;

    public OAuthRefreshCredentials(String locationId, String baseUrl, String clientId, String clientSecret, String initialRefreshToken,
            TokenStore store, HttpClient http, Duration refreshMargin, Clock clock) {
        this.locationId = locationId;
        this.tokenUri = URI.create(stripSlash(baseUrl) + "/oauth/token");
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.store = store;
        this.http = http;
        this.refreshMargin = refreshMargin;
        this.clock = clock;
        // A stored pair is newer than the configured refresh token: the configured one was rotated away long ago.
        this.current = store.load(locationId).orElse(new OAuthTokens(null, initialRefreshToken, null, null));
        if (current.refreshToken() == null || current.refreshToken().isBlank()) {
            throw new IllegalArgumentException("location " + locationId + " has OAuth client credentials but no refresh token");
        }
    }

    @Override
    public String accessToken() {
        if (paused()) {
            // the access token that came with the refused refresh token is revoked too, or soon expires: not used
            throw new RefreshRejectedException(locationId, "refused before; the location is paused until a new refresh token is given");
        }
        OAuthTokens tokens = current;
        Duration margin = refreshMargin.compareTo(lifetime.dividedBy(5)) < 0 ? refreshMargin : lifetime.dividedBy(5);
        if (tokens.accessTokenValidAt(clock.instant().plus(margin))) {
            return tokens.accessToken();
        }
        return refresh(tokens.accessToken());
    }

    @Override
    public String refreshAfterRejection(String rejectedToken) {
        return refresh(rejectedToken);
    }

    @Override
    public boolean paused() {
        String rejected = rejectedRefreshToken;
        // a new pair that could not be stored yet is adopted by the next refresh: not paused
        return rejected != null && unsaved == null && rejected.equals(current.refreshToken());
    }

    /**
     * The operator's new refresh token (a re-authorization of the app): exchanged for a token pair at once, so a token
     * GHL refuses changes nothing ({@link RefreshRejectedException}); the pair is stored, and the location runs again.
     */
    public void resume(String refreshToken) {
        if (refreshToken == null || refreshToken.isBlank()) {
            throw new IllegalArgumentException("a refresh token must not be empty");
        }
        refreshing.lock();
        try {
            OAuthTokens fresh = callTokenEndpoint(refreshToken.strip());
            refreshes.incrementAndGet();
            adopt(fresh);
            LOG.info("GHL location {} resumed with a new refresh token", locationId);
        } finally {
            refreshing.unlock();
        }
    }

    /** Refreshes unless someone else already replaced {@code staleToken} while we waited for the lock. */
    private String refresh(String staleToken) {
        refreshing.lock();
        try {
            if (unsaved != null) {
                adopt(unsaved);
            }
            OAuthTokens tokens = current;
            boolean replacedMeanwhile = tokens.accessToken() != null && !tokens.accessToken().equals(staleToken);
            if (replacedMeanwhile && tokens.accessTokenValidAt(clock.instant())) {
                return tokens.accessToken();
            }
            if (tokens.refreshToken().equals(rejectedRefreshToken)) {
                throw new RefreshRejectedException(locationId, "refused before; not asking again");
            }
            OAuthTokens fresh = callTokenEndpoint(tokens.refreshToken());
            refreshes.incrementAndGet();
            adopt(fresh);
            return fresh.accessToken();
        } finally {
            refreshing.unlock();
        }
    }

    /** Stores the pair, then makes it current; a pair that could not be stored is kept and stored on the next call. */
    private void adopt(OAuthTokens fresh) {
        try {
            store.save(locationId, fresh);
        } catch (RuntimeException e) {
            unsaved = fresh;
            throw new GhlException("the rotated refresh token of location " + locationId + " could not be stored ("
                    + e.getClass().getSimpleName() + "); it is kept in memory and stored on the next call", e);
        }
        unsaved = null;
        current = fresh;
    }

    private OAuthTokens callTokenEndpoint(String refreshToken) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("client_id", clientId);
        form.put("client_secret", clientSecret);
        form.put("grant_type", "refresh_token");
        form.put("refresh_token", refreshToken);
        form.put("user_type", "Location");
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(tokenUri)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new GhlException("token refresh for location " + locationId + " failed: " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GhlException("token refresh for location " + locationId + " was interrupted", e);
        }
        JsonNode json = parse(response.body());
        int status = response.statusCode();
        if (status == 400 || status == 401 || status == 403) {
            String reason = "HTTP " + status + " " + describe(json);
            if (refreshToken.equals(current.refreshToken())) {
                rejectedRefreshToken = refreshToken;
                // the alert, once: from now on no call is made for this location until resume() (no token in the line)
                LOG.warn("GHL location {} is PAUSED: GHL refused its refresh token ({}); its records wait in the inbox."
                        + " Re-authorize the app, then send the new refresh token with POST /admin/ghl/locations/{}/refresh-token"
                        + " (docs/operations.md)", locationId, reason, locationId);
            }
            throw new RefreshRejectedException(locationId, reason);
        }
        if (status / 100 != 2 || json == null || !json.hasNonNull("access_token") || !json.hasNonNull("refresh_token")) {
            throw new GhlException("token refresh for location " + locationId + " got HTTP " + status + " without a token pair");
        }
        long expiresIn = json.path("expires_in").asLong(86399);
        lifetime = Duration.ofSeconds(Math.max(1, expiresIn));
        Instant expiresAt = clock.instant().plusSeconds(expiresIn);
        return new OAuthTokens(json.get("access_token").asText(), json.get("refresh_token").asText(), expiresAt,
                json.path("scope").asText(null));
    }

    private static String describe(JsonNode json) {
        if (json == null) {
            return "no JSON body";
        }
        String error = json.path("error").asText(json.path("message").asText(""));
        String description = json.path("error_description").asText("");
        return (error + " " + description).trim();
    }

    private static JsonNode parse(byte[] body) {
        try {
            return body.length == 0 ? null : JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public Set<GhlScope> scopes() {
        accessToken();
        String scope = current.scope();
        if (scope == null || scope.isBlank()) {
            return EnumSet.allOf(GhlScope.class); // GHL did not say: let GHL itself be the judge
        }
        Set<GhlScope> granted = EnumSet.noneOf(GhlScope.class);
        for (String s : scope.split("[\\s,]+")) {
            GhlScope known = GhlScope.fromScopeName(s);
            if (known != null) {
                granted.add(known);
            }
        }
        return granted;
    }

    public long refreshCount() {
        return refreshes.get();
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @Override
    public String toString() {
        return "OAuthRefreshCredentials[location=" + locationId + ", clientId=" + clientId + ", tokens=***]";
    }
}
