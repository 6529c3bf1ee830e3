package io.ghlsync.operations;

import io.ghlsync.state.StateDatabase;
import org.apache.camel.health.HealthCheckResultBuilder;

import java.sql.Connection;
import java.util.Map;

/** Readiness: the state database answers (a pooled connection that passes the driver's validity check). */
final class DatabaseReadiness extends ReadinessCheck {

    private final StateDatabase database;

    DatabaseReadiness(StateDatabase database) {
        super("state-database");
        this.database = database;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.detail("database", database.isEmbedded() ? "embedded H2" : "external");
        try (Connection connection = database.dataSource().getConnection()) {
            if (connection.isValid(2)) {
                builder.up();
            } else {
                builder.message("the state database did not answer within 2 s").down();
            }
        } catch (Exception e) {
            builder.message("the state database cannot be reached: " + e.getClass().getSimpleName()).down();
        }
    }
}
