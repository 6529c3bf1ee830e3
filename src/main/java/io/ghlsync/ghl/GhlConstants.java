package io.ghlsync.ghl;

import org.apache.camel.spi.Metadata;

/** Headers the {@code ghl} component reads and writes. */
public final class GhlConstants {

    /** GHL's API version, sent on every call as the {@code Version} header. */
    public static final String API_VERSION = "2021-07-28";

    @Metadata(label = "producer", description = "The GHL location to call, when the endpoint does not name one", javaType = "String")
    public static final String LOCATION_ID = "CamelGhlLocationId";
    @Metadata(label = "producer", description = "Path and query parameters of the operation; override those of the endpoint URI",
              javaType = "java.util.Map<String, Object>")
    public static final String PARAMETERS = "CamelGhlParameters";
    @Metadata(label = "producer", description = "live or backfill; live traffic goes first when the location's budget is short",
              javaType = "String")
    public static final String PRIORITY = "CamelGhlPriority";
    @Metadata(label = "producer", description = "The HTTP status GHL answered with", javaType = "Integer")
    public static final String STATUS_CODE = "CamelGhlStatusCode";
    @Metadata(label = "producer", description = "Requests left in the location's burst window, as GHL reported", javaType = "Long")
    public static final String RATE_LIMIT_REMAINING = "CamelGhlRateLimitRemaining";
    @Metadata(label = "producer", description = "Requests left in the location's daily quota, as GHL reported", javaType = "Long")
    public static final String RATE_LIMIT_DAILY_REMAINING = "CamelGhlRateLimitDailyRemaining";

    private GhlConstants() {
    }
}
