package io.ghlsync.ghl.auth;

import io.ghlsync.ghl.GhlScope;

import java.util.Set;

/** How one location proves itself to GHL: a bearer token, and the scopes that token grants. */
public interface GhlCredentials {

    /** A token valid now; may block while a refresh is in flight. */
    String accessToken();

    /**
     * GHL rejected {@code rejectedToken} with 401: return a fresh token, refreshing at most once however many
     * callers saw the same rejection; null when these credentials cannot be refreshed.
     */
    String refreshAfterRejection(String rejectedToken);

    Set<GhlScope> scopes();

    /** True while GHL refuses to renew these credentials: the location's calls wait until new ones are given. */
    default boolean paused() {
        return false;
    }
}
