package io.ghlsync.ghl;

import io.ghlsync.ghl.ratelimit.Priority;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.apache.camel.spi.UriPath;

/** Options of one {@code ghl:} endpoint. The operation's own path and query parameters are taken from the URI too. */
@UriParams
public class GhlConfiguration {

    @UriPath(description = "The operationId of the Contacts API operation, e.g. upsert-contact or get-all-tasks")
    @Metadata(required = true)
    private String operationId;

    @UriParam(description = "The GHL location to call; defaults to the CamelGhlLocationId header, then the component's default location")
    private String locationId;

    @UriParam(defaultValue = "LIVE", enums = "LIVE,BACKFILL",
              description = "Live traffic is served before backfill traffic when the location's rate budget is short")
    private Priority priority = Priority.LIVE;

    public String getOperationId() {
        return operationId;
    }

    public void setOperationId(String operationId) {
        this.operationId = operationId;
    }

    public String getLocationId() {
        return locationId;
    }

    public void setLocationId(String locationId) {
        this.locationId = locationId;
    }

    public Priority getPriority() {
        return priority;
    }

    public void setPriority(Priority priority) {
        this.priority = priority;
    }
}
