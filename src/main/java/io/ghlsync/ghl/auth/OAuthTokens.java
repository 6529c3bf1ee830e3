package io.ghlsync.ghl.auth;

import java.time.Instant;

/** One location's OAuth token pair as GHL last issued it; {@link #toString()} never shows the tokens. */
public record OAuthTokens(String accessToken, String refreshToken, Instant accessTokenExpiresAt, String scope) {

    public boolean accessTokenValidAt(Instant when) {
        return accessToken != null && accessTokenExpiresAt != null && when.isBefore(accessTokenExpiresAt);
    }

    @Override
    public String toString() {
        return "OAuthTokens[accessToken=***, refreshToken=***, accessTokenExpiresAt=" + accessTokenExpiresAt
                + ", scope=" + scope + "]";
    }
}
