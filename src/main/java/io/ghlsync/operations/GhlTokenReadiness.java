package io.ghlsync.operations;

import io.ghlsync.ghl.GhlLocation;
import org.apache.camel.health.HealthCheckResultBuilder;

import java.util.Map;

/**
 * Readiness of one GHL location: its credentials yield a token. A private integration token is taken as it is and an
 * OAuth token is refreshed only when it has expired, so the check spends no GHL API call; a refresh GHL refused makes
 * it DOWN, and says that the location is paused and how to resume it. The token itself is never part of the answer.
 */
final class GhlTokenReadiness extends ReadinessCheck {

    private final GhlLocation location;

    GhlTokenReadiness(GhlLocation location) {
        super("ghl-token-" + location.locationId());
        this.location = location;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.detail("location", location.locationId());
        if (location.credentials().paused()) {
            builder.detail("paused", true);
            // Camel's health answer escapes a '/' in the message twice: the path goes in a detail, the docs are named
            builder.detail("resume", "POST /admin/ghl/locations/" + location.locationId() + "/refresh-token");
            builder.message("GHL location " + location.locationId() + " is paused: GHL refused its refresh token; its records"
                    + " wait in the inbox. Re-authorize the app and send the new refresh token to the admin API"
                    + " (operations.md, 'A paused GHL location')").down();
            return;
        }
        try {
            String token = location.credentials().accessToken();
            if (token == null || token.isBlank()) {
                builder.message("no access token for GHL location " + location.locationId()).down();
            } else {
                builder.up();
            }
        } catch (RuntimeException e) {
            // the class names the cause (e.g. RefreshRejectedException); its message may quote GHL's answer, not shown
            builder.message("GHL location " + location.locationId() + " has no valid token: " + e.getClass().getSimpleName()).down();
        }
    }
}
