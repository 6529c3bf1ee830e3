package io.ghlsync.sandbox.ghl;

import java.util.Set;

/**
 * A marketplace app installed on one location (userType Location) or on a company (userType Company), with the
 * client credentials the token endpoint checks and the access-token lifetime it hands out.
 */
public record OAuthClient(String clientId, String clientSecret, String appId, TokenGrant.UserType userType, String locationId,
        String companyId, Set<String> scopes, long accessTokenTtlSeconds, String userId) {

    /** GHL's access tokens live one day minus a second. */
    public static final long DEFAULT_ACCESS_TTL_SECONDS = 86_399;

    public OAuthClient {
        scopes = Set.copyOf(scopes);
        if (accessTokenTtlSeconds < 1) {
            throw new IllegalArgumentException("accessTokenTtlSeconds must be positive");
        }
    }

    /** Never prints the secret. */
    @Override
    public String toString() {
        return "OAuthClient[" + clientId + " " + userType + " " + (locationId != null ? locationId : companyId) + "]";
    }
}
