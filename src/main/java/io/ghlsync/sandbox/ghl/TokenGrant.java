package io.ghlsync.sandbox.ghl;

import java.util.Set;

/**
 * What a bearer token grants: a location (sub-account) or a company (agency), a set of scopes, and an expiry
 * ({@link Long#MAX_VALUE} for private integration tokens, which never expire). {@code clientId} is null for private tokens.
 */
public record TokenGrant(String token, UserType userType, String locationId, String companyId, Set<String> scopes,
        long expiresAtMillis, String clientId) {

    /** GHL's token user types. */
    public enum UserType {
        Location, Company
    }

    public TokenGrant {
        scopes = Set.copyOf(scopes);
    }

    boolean expiredAt(long now) {
        return now >= expiresAtMillis;
    }

    /** The id rate limits and stats are kept under: the location, or the company for agency tokens. */
    String resourceId() {
        return userType == UserType.Location ? locationId : companyId;
    }

    TokenGrant expiringAt(long at) {
        return new TokenGrant(token, userType, locationId, companyId, scopes, at, clientId);
    }

    String scopeString() {
        return String.join(" ", new java.util.TreeSet<>(scopes));
    }

    /** Never prints the token itself. */
    @Override
    public String toString() {
        return "TokenGrant[" + userType + " " + resourceId() + " " + scopes + "]";
    }
}
