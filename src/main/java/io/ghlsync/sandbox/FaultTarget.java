package io.ghlsync.sandbox;

import io.vertx.ext.web.RoutingContext;

/**
 * What a sandbox lends the {@link FaultInjector} so that injected faults look like its own: the rate-limit headers of
 * its 429s, and its credentials for token expiry and revocation. The defaults suit a service with no rate-limit headers
 * and no expiring tokens (Cliengo): a 429 says {@code Retry-After: 1}, and token faults are refused when planned.
 */
public interface FaultTarget {

    FaultTarget NONE = new FaultTarget() {
    };

    /** Sets the headers of an injected 429, which must say the budget is spent. */
    default void rateLimitHeaders(RoutingContext ctx) {
        ctx.response().putHeader("Retry-After", "1");
    }

    /** Whether this sandbox has credentials that can expire or be revoked. */
    default boolean hasExpiringCredentials() {
        return false;
    }

    /** Expires the credential the request presents, if it is one that can be renewed; false when there was none. */
    default boolean expireCredential(RoutingContext ctx) {
        return false;
    }

    /** Revokes the credential the request presents (with what renews it); false when there was none. */
    default boolean revokeCredential(RoutingContext ctx) {
        return false;
    }
}
