package io.ghlsync.ghl;

/** A write was asked of a location whose token lacks {@code contacts.write}; raised before any call is spent. */
public class GhlScopeException extends GhlException {

    public GhlScopeException(String operationId, String locationId, GhlScope missing) {
        super("operation " + operationId + " needs scope " + missing.scopeName() + " but the token of location "
                + locationId + " does not grant it; nothing was sent");
    }
}
