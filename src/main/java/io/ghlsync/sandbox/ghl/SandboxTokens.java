package io.ghlsync.sandbox.ghl;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every credential the sandbox knows: private integration tokens, OAuth clients, their access and refresh tokens, and
 * authorization codes. Refresh tokens rotate: using one removes it atomically, so of two concurrent refreshes with the
 * same token exactly one wins — the failure mode that loses GHL integrators their installation.
 */
public final class SandboxTokens {

    /** Refresh tokens live a year unless used (docs/oauth/Authorization.md). */
    static final long REFRESH_TTL_MILLIS = 365L * 24 * 3600 * 1000;
    /** Authorization codes are short-lived and single-use. */
    static final long CODE_TTL_MILLIS = 10L * 60 * 1000;

    /** A refresh token or an authorization code: whose it is and until when it works. */
    private record Grant(String clientId, long expiresAtMillis) {
    }

    /** What the token endpoint hands out. */
    record Issued(TokenGrant access, String refreshToken, OAuthClient client) {
    }

    private final Map<String, TokenGrant> access = new ConcurrentHashMap<>();
    private final Map<String, Grant> refresh = new ConcurrentHashMap<>();
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();
    private final Map<String, OAuthClient> clients = new ConcurrentHashMap<>();

    /** The grant behind an {@code Authorization} header; 401 "Invalid JWT" when missing, unknown, revoked or expired. */
    TokenGrant authenticate(String authorization, long now) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw GhlError.unauthorized("Invalid JWT");
        }
        TokenGrant grant = access.get(authorization.substring(7).trim());
        // GHL does not say why a token is refused; neither do we (an expired token reads like an unknown one).
        if (grant == null || grant.expiredAt(now)) {
            throw GhlError.unauthorized("Invalid JWT");
        }
        return grant;
    }

    TokenGrant issuePrivate(String token, String locationId, String companyId, Set<String> scopes, long expiresAtMillis) {
        TokenGrant grant = new TokenGrant(token == null ? SandboxIds.secret("pit-") : token, TokenGrant.UserType.Location,
                locationId, companyId, scopes, expiresAtMillis, null);
        access.put(grant.token(), grant);
        return grant;
    }

    OAuthClient register(OAuthClient client) {
        clients.put(client.clientId(), client);
        return client;
    }

    Optional<OAuthClient> client(String clientId) {
        return Optional.ofNullable(clientId == null ? null : clients.get(clientId));
    }

    Iterable<OAuthClient> clients() {
        return clients.values();
    }

    /** A refresh token for {@code clientId}, as an installation would produce it. */
    String issueRefreshToken(String clientId, long now) {
        String token = SandboxIds.secret("rt-");
        refresh.put(token, new Grant(clientId, now + REFRESH_TTL_MILLIS));
        return token;
    }

    String issueCode(String clientId, long now) {
        String code = SandboxIds.secret("code-");
        codes.put(code, new Grant(clientId, now + CODE_TTL_MILLIS));
        return code;
    }

    /** {@code grant_type=refresh_token}: the old refresh token dies, a new pair is born. */
    Issued refresh(String clientId, String clientSecret, String refreshToken, long now) {
        OAuthClient client = checkClient(clientId, clientSecret);
        Grant grant = refreshToken == null ? null : refresh.get(refreshToken);
        if (grant == null || !grant.clientId().equals(clientId) || now >= grant.expiresAtMillis()
                || !refresh.remove(refreshToken, grant)) {
            throw invalidGrant("Invalid grant: refresh token is invalid");
        }
        return issue(client, now);
    }

    /** {@code grant_type=authorization_code}: a code works once. */
    Issued exchangeCode(String clientId, String clientSecret, String code, long now) {
        OAuthClient client = checkClient(clientId, clientSecret);
        Grant grant = code == null ? null : codes.remove(code);
        if (grant == null || !grant.clientId().equals(clientId) || now >= grant.expiresAtMillis()) {
            throw invalidGrant("Invalid grant: authorization code is invalid");
        }
        return issue(client, now);
    }

    /** An access token for one location of the company that {@code company} is for. */
    TokenGrant issueLocationToken(TokenGrant company, OAuthClient client, String locationId, long now) {
        TokenGrant grant = new TokenGrant(SandboxIds.secret("at-"), TokenGrant.UserType.Location, locationId, company.companyId(),
                locationScopes(company.scopes()), now + client.accessTokenTtlSeconds() * 1000, client.clientId());
        access.put(grant.token(), grant);
        return grant;
    }

    Optional<TokenGrant> grant(String token) {
        return Optional.ofNullable(token == null ? null : access.get(token));
    }

    /** Makes an access token expired as of {@code now} (what a day's wait would do). */
    boolean expire(String token, long now) {
        return access.computeIfPresent(token, (k, g) -> g.expiringAt(now)) != null;
    }

    /**
     * What an uninstall does: the access token, and for an OAuth token every access and refresh token of its client,
     * are forgotten, so nothing renews it. False when the token is unknown.
     */
    boolean revokeInstallation(String token) {
        TokenGrant grant = access.remove(token);
        if (grant == null) {
            return false;
        }
        if (grant.clientId() != null) {
            access.values().removeIf(g -> grant.clientId().equals(g.clientId()));
            refresh.values().removeIf(g -> grant.clientId().equals(g.clientId()));
        }
        return true;
    }

    /** Forgets a token: access, refresh or code. */
    boolean revoke(String token) {
        return access.remove(token) != null | refresh.remove(token) != null | codes.remove(token) != null;
    }

    boolean knowsRefreshToken(String token) {
        return refresh.containsKey(token);
    }

    void clear() {
        access.clear();
        refresh.clear();
        codes.clear();
        clients.clear();
    }

    private Issued issue(OAuthClient client, long now) {
        TokenGrant grant = new TokenGrant(SandboxIds.secret("at-"), client.userType(), client.locationId(), client.companyId(),
                client.scopes(), now + client.accessTokenTtlSeconds() * 1000, client.clientId());
        access.put(grant.token(), grant);
        return new Issued(grant, issueRefreshToken(client.clientId(), now), client);
    }

    private OAuthClient checkClient(String clientId, String clientSecret) {
        OAuthClient client = clientId == null ? null : clients.get(clientId);
        if (client == null || clientSecret == null || !MessageDigest.isEqual(client.clientSecret().getBytes(StandardCharsets.UTF_8),
                clientSecret.getBytes(StandardCharsets.UTF_8))) {
            throw GhlError.unauthorized("Invalid client credentials");
        }
        return client;
    }

    /** A location token keeps the company's scopes except the agency-only oauth.* ones. */
    private static Set<String> locationScopes(Set<String> scopes) {
        return Set.copyOf(scopes.stream().filter(s -> !s.startsWith("oauth.")).toList());
    }

    private static GhlError invalidGrant(String message) {
        // RFC 6749 §5.2: a bad grant is a 400 with error invalid_grant; a bad client is a 401
        return new GhlError(400, java.util.List.of(message), "invalid_grant", null);
    }
}
