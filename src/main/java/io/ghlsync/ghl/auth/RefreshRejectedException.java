package io.ghlsync.ghl.auth;

import io.ghlsync.ghl.GhlException;

/** GHL refused the location's refresh token: the app must be re-authorized; retrying cannot help. */
public class RefreshRejectedException extends GhlException {

    private final String locationId;

    public RefreshRejectedException(String locationId, String reason) {
        super("GHL rejected the refresh token of location " + locationId + " (" + reason
                + "); re-authorize the app for this location");
        this.locationId = locationId;
    }

    public String getLocationId() {
        return locationId;
    }
}
