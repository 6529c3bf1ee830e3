package io.ghlsync.operations;

import io.ghlsync.ghl.GhlComponent;
import io.ghlsync.ghl.GhlLocation;
import io.ghlsync.state.DeadLetters;
import io.ghlsync.state.StateDatabase;
import org.apache.camel.CamelContext;

import java.util.function.Function;

/**
 * ghl-sync's readiness checks beside Camel's own (context, routes, consumers), served by camel-main at
 * {@code /observe/health}, {@code /observe/health/ready} and {@code /observe/health/live}.
 */
public final class EngineHealth {

    private EngineHealth() {
    }

    /** Binds the checks into the registry, where Camel's health check registry finds them. */
    public static void bind(CamelContext camel, StateDatabase database, DeadLetters deadLetters, Function<String, String> settings) {
        String threshold = settings.apply("ghlsync.health.dead-letter-threshold");
        long limit;
        try {
            limit = threshold == null ? 100 : Long.parseLong(threshold.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("ghlsync.health.dead-letter-threshold must be a whole number, not '" + threshold + "'");
        }
        camel.getRegistry().bind("stateDatabaseReadiness", new DatabaseReadiness(database));
        camel.getRegistry().bind("deadLetterReadiness", new DeadLetterReadiness(deadLetters, limit));
        for (GhlLocation location : camel.getComponent("ghl", GhlComponent.class).getLocations().values()) {
            camel.getRegistry().bind("ghlTokenReadiness-" + location.locationId(), new GhlTokenReadiness(location));
        }
    }
}
