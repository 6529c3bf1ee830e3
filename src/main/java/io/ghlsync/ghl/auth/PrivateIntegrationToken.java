package io.ghlsync.ghl.auth;

import io.ghlsync.ghl.GhlScope;

import java.util.Set;

/** A static Private Integration Token; GHL does not say its scopes, so the operator declares them. */
public final class PrivateIntegrationToken implements GhlCredentials {

    private final String token;
    private final Set<GhlScope> scopes;

    public PrivateIntegrationToken(String token, Set<GhlScope> scopes) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("a private integration token must not be empty");
        }
        this.token = token;
        this.scopes = Set.copyOf(scopes);
    }

    @Override
    public String accessToken() {
        return token;
    }

    @Override
    public String refreshAfterRejection(String rejectedToken) {
        return null;
    }

    @Override
    public Set<GhlScope> scopes() {
        return scopes;
    }

    @Override
    public String toString() {
        return "PrivateIntegrationToken[token=***, scopes=" + scopes + "]";
    }
}
