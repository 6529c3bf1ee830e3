package io.ghlsync.ghl.auth;

import java.util.Optional;

/**
 * Durable home of each location's OAuth tokens. GHL rotates the refresh token on every refresh and the old one
 * stops working, so {@link #save} must be durable when it returns: the component saves before it uses a new token.
 */
public interface TokenStore {

    Optional<OAuthTokens> load(String locationId);

    void save(String locationId, OAuthTokens tokens);
}
