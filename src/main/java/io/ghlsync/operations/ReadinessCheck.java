package io.ghlsync.operations;

import org.apache.camel.impl.health.AbstractHealthCheck;

/** A ghl-sync check that counts for readiness only: what it watches makes the engine wait, not a restart cure. */
abstract class ReadinessCheck extends AbstractHealthCheck {

    ReadinessCheck(String id) {
        super("ghl-sync", id);
    }

    @Override
    public final boolean isLiveness() {
        return false;
    }
}
