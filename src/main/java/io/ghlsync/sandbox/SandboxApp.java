package io.ghlsync.sandbox;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

/**
 * One look-alike service hosted by the {@link SandboxServer}: its API is mounted under {@code /<name>} and its operator
 * controls under {@code /_sandbox/<name>}, so GHL, Cliengo and Clientjoy can share one port without knowing each other.
 */
public interface SandboxApp {

    /** The mount name, e.g. {@code ghl}; the API answers under {@code /ghl/...}. */
    String name();

    /** Builds the API router; called once per event loop, so it must only wire handlers over shared, thread-safe state. */
    Router apiRouter(Vertx vertx);

    /** Builds the control router (tests and operators); called once per event loop. */
    Router controlRouter(Vertx vertx);

    /** How injected faults look on this sandbox (its 429 headers, its credentials); see {@link FaultInjector}. */
    default FaultTarget faultTarget() {
        return FaultTarget.NONE;
    }

    /** Called once before the first router is built, with the Vert.x instance the app may use for outbound calls. */
    default void start(Vertx vertx) {
    }

    /** Called when the server closes. */
    default void stop() {
    }
}
