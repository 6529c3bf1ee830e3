package io.ghlsync.sources.cliengo;

import io.ghlsync.state.EntityType;
import io.ghlsync.state.Links;
import org.apache.camel.Exchange;

/**
 * The links of Cliengo notes and tasks to the GHL notes and tasks created from them: checked before creating, kept
 * after, so an event processed twice (a retry, a redelivery after a crash) never creates a second note or task.
 */
public final class ActivityLinks {

    /** The Cliengo note or task id the event is about (set by the route). */
    static final String RECORD_ID = "cliengoRecordId";

    private final Links links;
    private final String defaultLocationId;

    public ActivityLinks(Links links, String defaultLocationId) {
        this.links = links;
        this.defaultLocationId = defaultLocationId;
    }

    public boolean noteIsNew(Exchange exchange) {
        return links.find(key(exchange, EntityType.NOTE)).isEmpty();
    }

    public boolean taskIsNew(Exchange exchange) {
        return links.find(key(exchange, EntityType.TASK)).isEmpty();
    }

    /** Links the note to GHL's answer {"note": {"id"}}. */
    public void linkNote(Exchange exchange) {
        links.upsert(key(exchange, EntityType.NOTE), CliengoLinks.ghlId(exchange.getMessage().getBody(), "note"), null);
    }

    /** Links the task to GHL's answer {"task": {"id"}}. */
    public void linkTask(Exchange exchange) {
        links.upsert(key(exchange, EntityType.TASK), CliengoLinks.ghlId(exchange.getMessage().getBody(), "task"), null);
    }

    private io.ghlsync.state.LinkKey key(Exchange exchange, EntityType type) {
        return CliengoLinks.key(exchange, defaultLocationId, type, exchange.getMessage().getHeader(RECORD_ID, String.class));
    }
}
