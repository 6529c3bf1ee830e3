package io.ghlsync.sources.clientjoy;

/**
 * What one backfill copies: every contact of a GHL location, or only those of one business in it. Its stream name is
 * where its cursor is kept ({@code backfill/<locationId>} or {@code backfill/<locationId>/business/<businessId>}).
 */
public record BackfillScope(String locationId, String businessId) {

    static final String PREFIX = "backfill/";
    private static final String BUSINESS = "/business/";

    public BackfillScope {
        if (locationId == null || locationId.isBlank() || locationId.contains("/")) {
            throw new IllegalArgumentException("a backfill needs a GHL location id without '/'");
        }
        if (businessId != null && (businessId.isBlank() || businessId.contains("/"))) {
            throw new IllegalArgumentException("businessId must be a GHL business id (no '/', not blank)");
        }
    }

    public String stream() {
        return PREFIX + locationId + (businessId == null ? "" : BUSINESS + businessId);
    }

    public static BackfillScope ofStream(String stream) {
        if (!stream.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a backfill stream: " + stream);
        }
        String rest = stream.substring(PREFIX.length());
        int business = rest.indexOf(BUSINESS);
        return business < 0 ? new BackfillScope(rest, null)
                : new BackfillScope(rest.substring(0, business), rest.substring(business + BUSINESS.length()));
    }

    @Override
    public String toString() {
        return locationId + (businessId == null ? "" : " (business " + businessId + ")");
    }
}
