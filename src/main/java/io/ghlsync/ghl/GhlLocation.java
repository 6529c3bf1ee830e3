package io.ghlsync.ghl;

import io.ghlsync.ghl.auth.GhlCredentials;
import io.ghlsync.ghl.ratelimit.RateBudget;

/** One GHL sub-account the engine talks to: where it lives, how it authenticates, and its request budget. */
public record GhlLocation(String locationId, String baseUrl, GhlCredentials credentials, RateBudget budget) {

    public GhlLocation {
        if (locationId == null || locationId.isBlank()) {
            throw new IllegalArgumentException("a GHL location needs an id");
        }
        baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    @Override
    public String toString() {
        return "GhlLocation[" + locationId + " at " + baseUrl + "]";
    }
}
