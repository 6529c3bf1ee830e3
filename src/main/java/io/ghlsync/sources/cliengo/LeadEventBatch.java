package io.ghlsync.sources.cliengo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ghlsync.intake.InboxConstants;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;

import java.time.Clock;
import java.time.Duration;

/**
 * The aggregation strategy of routes/cliengo-to-ghl.camel.yaml: folds the events of one lead, in order, into one
 * batch, so the lead, its tags, notes and tasks cost as few GHL calls as possible. The batch is JSON text (the
 * aggregation repository stores it serialised):
 * <pre>{"batchId", "leadId", "sequence", "startedAt", "eventIds": [...], "lead": {...}?, "addTags": [...], "removeTags": [...], "notes": [...], "tasks": [...]}</pre>
 * {@code sequence} is the inbox id of the batch's first event (intake order; also in the {@link #FIRST_SEQUENCE}
 * header, which the aggregation table keeps as a column for the batches' watermark), {@code startedAt} when it
 * arrived (epoch millis).
 * <ul>
 *   <li>{@code lead.created}, {@code lead.updated}, {@code lead.polled}: the latest lead wins (it carries its tags as
 *   they are then); a polled lead also brings its notes and tasks;</li>
 *   <li>{@code tags.added} / {@code tags.removed}: kept as changes, and applied to the batch's lead, if any;</li>
 *   <li>{@code note.added}: appended (once per note id); {@code task.*}: the latest state of each task;</li>
 *   <li>an event id seen before in this batch (the inbox ran it again after a crash) changes nothing.</li>
 * </ul>
 * Hand-written: folding a source's events is domain logic no stock strategy has.
 */
public final class LeadEventBatch implements AggregationStrategy {

    /** Exchange variable of route cliengo-lead-batch: the batch, as read from JSON. */
    static final String BATCH = "cliengoBatch";
    /** Header (and column of the aggregation table) with the batch's sequence. */
    public static final String FIRST_SEQUENCE = "cliengoFirstSequence";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Duration maxAge;
    private final Clock clock;

    /** Batches older than {@code maxAge} complete at their next event, so a lead that never goes quiet still goes out. */
    public LeadEventBatch(Duration maxAge, Clock clock) {
        this.maxAge = maxAge;
        this.clock = clock;
    }

    @Override
    public Exchange aggregate(Exchange batchExchange, Exchange eventExchange) {
        Exchange target = batchExchange == null ? eventExchange : batchExchange;
        JsonNode event = read(eventExchange.getMessage().getBody(String.class));
        ObjectNode batch = batchExchange == null ? empty(event.path("leadId").asText(), event.path("eventId").asText())
                : (ObjectNode) read(batchExchange.getMessage().getBody(String.class));
        if (batchExchange == null) {
            batch.put("startedAt", clock.millis());
        }
        Long sequence = eventExchange.getMessage().getHeader(InboxConstants.ID, Long.class);
        if (sequence != null && (!batch.hasNonNull("sequence") || sequence < batch.get("sequence").asLong())) {
            batch.put("sequence", sequence);
        }
        fold(batch, event);
        target.getMessage().setBody(batch.toString());
        target.getMessage().setHeader(CliengoLinks.LEAD_ID, batch.get("leadId").asText());
        if (batch.hasNonNull("sequence")) {
            target.getMessage().setHeader(FIRST_SEQUENCE, batch.get("sequence").asText());
        }
        return target;
    }

    /** The completion predicate: the batch (the aggregated exchange) is older than the longest a batch waits. */
    public boolean ripe(Exchange batchExchange) {
        long startedAt = read(batchExchange.getMessage().getBody(String.class)).path("startedAt").asLong(Long.MAX_VALUE);
        return startedAt != Long.MAX_VALUE && clock.millis() - startedAt >= maxAge.toMillis();
    }

    /**
     * A new batch; its id (the id of its first event, which no other batch has, and how many events it folded) dedupes
     * it when it is stored.
     */
    static ObjectNode empty(String leadId, String firstEventId) {
        ObjectNode batch = JSON.createObjectNode();
        batch.put("batchId", "batch:" + firstEventId);
        batch.put("leadId", leadId);
        batch.putArray("eventIds");
        batch.putArray("addTags");
        batch.putArray("removeTags");
        batch.putArray("notes");
        batch.putArray("tasks");
        return batch;
    }

    static void fold(ObjectNode batch, JsonNode event) {
        String eventId = event.path("eventId").asText("");
        ArrayNode seen = (ArrayNode) batch.get("eventIds");
        for (JsonNode id : seen) {
            if (id.asText().equals(eventId)) {
                return;
            }
        }
        seen.add(eventId);
        // The count is part of the id, as the second guard against a completion racing the next event: the aggregator's
        // own lock (optimisticLocking: false in routes/cliengo-to-ghl.camel.yaml, docs/reliability.md) now keeps a
        // completion and an add apart, which prevents the race. Should they overlap again, Camel's
        // JdbcAggregationRepository.remove does not notice that an event joined the group while it completed (its
        // versioned DELETE removes nothing), so the group completes again later, with the late event; under the first id
        // alone the inbox would take that second batch for a redelivery and the event would be lost.
        String firstEventId = seen.get(0).asText();
        batch.put("batchId", "batch:" + firstEventId + (seen.size() > 1 ? "+" + (seen.size() - 1) : ""));
        switch (event.path("type").asText()) {
            case "lead.created", "lead.updated" -> batch.set("lead", event.get("lead"));
            case "lead.polled" -> {
                batch.set("lead", event.get("lead"));
                event.path("notes").forEach(note -> addNote(batch, note));
                event.path("tasks").forEach(task -> putTask(batch, task));
            }
            case "tags.added" -> changeTags(batch, event.path("tags"), true);
            case "tags.removed" -> changeTags(batch, event.path("tags"), false);
            case "note.added" -> addNote(batch, event.get("note"));
            case "task.created", "task.updated", "task.completed" -> putTask(batch, event.get("task"));
            default -> batch.withArray("ignored").add(event.path("type").asText());
        }
    }

    private static void changeTags(ObjectNode batch, JsonNode tags, boolean add) {
        ArrayNode to = (ArrayNode) batch.get(add ? "addTags" : "removeTags");
        ArrayNode from = (ArrayNode) batch.get(add ? "removeTags" : "addTags");
        JsonNode lead = batch.get("lead");
        for (JsonNode tag : tags) {
            remove(from, tag.asText());
            remove(to, tag.asText());
            to.add(tag.asText());
            if (lead instanceof ObjectNode leadObject) {
                ArrayNode leadTags = leadObject.withArray("tags");
                remove(leadTags, tag.asText());
                if (add) {
                    leadTags.add(tag.asText());
                }
            }
        }
    }

    private static void addNote(ObjectNode batch, JsonNode note) {
        if (note == null || !note.isObject()) {
            return;
        }
        ArrayNode notes = (ArrayNode) batch.get("notes");
        for (JsonNode existing : notes) {
            if (existing.path("id").equals(note.path("id"))) {
                return;
            }
        }
        notes.add(note);
    }

    private static void putTask(ObjectNode batch, JsonNode task) {
        if (task == null || !task.isObject()) {
            return;
        }
        ArrayNode tasks = (ArrayNode) batch.get("tasks");
        for (int i = 0; i < tasks.size(); i++) {
            if (tasks.get(i).path("id").equals(task.path("id"))) {
                tasks.set(i, task);
                return;
            }
        }
        tasks.add(task);
    }

    /** Removes a tag, compared case-insensitively as Cliengo and GHL compare tags. */
    private static void remove(ArrayNode tags, String tag) {
        for (int i = tags.size() - 1; i >= 0; i--) {
            if (tags.get(i).asText().equalsIgnoreCase(tag)) {
                tags.remove(i);
            }
        }
    }

    // ---- the batch's parts, for the steps of route cliengo-lead-batch (the batch is the cliengoBatch variable) ----

    /** True when the batch adds tags to a contact without a lead to carry them (the lead's own tags go with it). */
    public boolean addsTags(Exchange exchange) {
        JsonNode batch = batch(exchange);
        return batch.path("lead").isMissingNode() && !batch.path("addTags").isEmpty();
    }

    /** True when the batch removes tags (and the contact was not created by this batch without them). */
    public boolean removesTags(Exchange exchange) {
        return !batch(exchange).path("removeTags").isEmpty()
                && !Boolean.TRUE.equals(exchange.getMessage().getHeader(CliengoLinks.CONTACT_CREATED, Boolean.class));
    }

    /** {@code {"tags": [...]}}: the tags the batch adds, for the tags mapping. */
    public ObjectNode addedTags(Exchange exchange) {
        return JSON.createObjectNode().set("tags", batch(exchange).path("addTags"));
    }

    /** {@code {"tags": [...]}}: the tags the batch removes, for the removed-tags mapping. */
    public ObjectNode removedTags(Exchange exchange) {
        return JSON.createObjectNode().set("tags", batch(exchange).path("removeTags"));
    }

    /** Puts the lead read from Cliengo's API (the body) into the batch, which had only events about the lead. */
    public void withLead(Exchange exchange) {
        ObjectNode batch = batch(exchange).deepCopy();
        batch.set("lead", JSON.convertValue(exchange.getMessage().getBody(), JsonNode.class));
        exchange.setVariable(BATCH, JSON.convertValue(batch, Object.class));
    }

    private static JsonNode batch(Exchange exchange) {
        return JSON.convertValue(exchange.getVariable(BATCH), JsonNode.class);
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a Cliengo event or batch that is not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
