package io.ghlsync.sources.cliengo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ghlsync.state.ContentHash;
import io.ghlsync.state.EntityType;
import io.ghlsync.state.Link;
import io.ghlsync.state.LinkKey;
import io.ghlsync.state.Links;
import org.apache.camel.Exchange;

import java.util.Optional;

/**
 * The links of Cliengo notes and tasks to the GHL notes and tasks created from them: checked before creating, kept
 * after, so an event processed twice (a retry, a redelivery after a crash) never creates a second note or task. A task
 * link also records what was last written, split in two (the task's fields, and whether it is completed), so an
 * update costs one call of the right kind ({@code PUT .../tasks/{id}} or {@code PUT .../completed}), and none when
 * nothing changed.
 */
public final class ActivityLinks {

    /** The Cliengo note or task id the event is about (set by the route). */
    static final String RECORD_ID = "cliengoRecordId";
    /** The GHL task linked to the Cliengo task, when there is one. */
    static final String TASK_ID = "ghlTaskId";
    /** What the task change needs: "create", "update" (fields), "complete" (only the completion) or "none". */
    static final String TASK_CHANGE = "ghlTaskChange";
    private static final String TASK_HASH = "cliengoTaskHash";

    private final Links links;
    private final String defaultLocationId;

    public ActivityLinks(Links links, String defaultLocationId) {
        this.links = links;
        this.defaultLocationId = defaultLocationId;
    }

    public boolean noteIsNew(Exchange exchange) {
        return links.find(key(exchange, EntityType.NOTE)).isEmpty();
    }

    /** Links the note to GHL's answer {"note": {"id"}}, or to the note an earlier attempt created (ghlNoteId). */
    public void linkNote(Exchange exchange) {
        String ghlId = exchange.getMessage().getHeader(ActivityAdoption.NOTE_ID, String.class);
        if (ghlId == null) {
            ghlId = CliengoLinks.ghlId(exchange.getMessage().getBody(), "note");
        }
        links.upsert(key(exchange, EntityType.NOTE), ghlId, null);
    }

    /**
     * Compares the mapped task (the body) with what its link says was last written, and names the change in the
     * ghlTaskChange header (with the linked GHL task in ghlTaskId). A step of its own, before the route's choice.
     */
    public void compareTask(Exchange exchange) {
        JsonNode mapped = exchange.getMessage().getBody(JsonNode.class);
        ObjectNode fields = mapped.deepCopy();
        fields.remove("completed");
        String hash = ContentHash.of(fields) + "|" + mapped.path("completed").asBoolean(false);
        exchange.setVariable(TASK_HASH, hash);
        Optional<Link> link = links.find(key(exchange, EntityType.TASK));
        String change;
        if (link.isEmpty()) {
            change = "create";
        } else {
            exchange.getMessage().setHeader(TASK_ID, link.get().ghlId());
            String before = link.get().contentHash();
            if (hash.equals(before)) {
                change = "none";
            } else if (before != null && fieldsPart(before).equals(fieldsPart(hash))) {
                change = "complete";
            } else {
                change = "update";
            }
        }
        exchange.getMessage().setHeader(TASK_CHANGE, change);
    }

    /** The body of {@code PUT .../tasks/{taskId}/completed}: the mapped task's completion. */
    public JsonNode completion(Exchange exchange) {
        boolean completed = exchange.getMessage().getBody(JsonNode.class).path("completed").asBoolean(false);
        return JsonNodeFactory.instance.objectNode().put("completed", completed);
    }

    /** Links the task to GHL's answer {"task": {"id"}} (or the linked or adopted id), with what was just written. */
    public void linkTask(Exchange exchange) {
        String ghlId = exchange.getMessage().getHeader(TASK_ID, String.class);
        if (ghlId == null) {
            ghlId = CliengoLinks.ghlId(exchange.getMessage().getBody(), "task");
        }
        links.upsert(key(exchange, EntityType.TASK), ghlId, exchange.getVariable(TASK_HASH, String.class));
    }

    private static String fieldsPart(String hash) {
        int bar = hash.lastIndexOf('|');
        return bar < 0 ? hash : hash.substring(0, bar);
    }

    private LinkKey key(Exchange exchange, EntityType type) {
        return CliengoLinks.key(exchange, defaultLocationId, type, exchange.getMessage().getHeader(RECORD_ID, String.class));
    }
}
