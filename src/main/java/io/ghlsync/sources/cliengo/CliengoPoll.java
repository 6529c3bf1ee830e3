package io.ghlsync.sources.cliengo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ghlsync.sources.UpdatedSincePoll;
import io.ghlsync.state.PollCursors;
import org.apache.camel.Exchange;

import java.time.Clock;

/**
 * The polling fallback's steps (routes/cliengo-poll.camel.yaml): pages of {@code GET /leads?updatedSince=&cursor=}
 * from the persisted cursor (PollCursors, source cliengo, stream leads-updated; {@link UpdatedSincePoll}), and each lead, with its tasks and
 * notes, as one {@code lead.polled} event for the same inbox the webhooks feed. Its event id is
 * {@code poll:<leadId>:<updatedAt>}: the same version of a lead polled twice is stored once, and a lead the webhooks
 * already brought is written to GHL zero times (its link's hash, its notes' and tasks' links).
 */
public final class CliengoPoll extends UpdatedSincePoll {

    static final String SOURCE = "cliengo";
    static final String STREAM = "leads-updated";

    private final Clock clock;

    public CliengoPoll(PollCursors cursors, int pageSize, Clock clock) {
        super(cursors, SOURCE, STREAM, "leads", "updatedAt", pageSize, "cliengoPoll");
        this.clock = clock;
    }

    /** The lead (variable cliengoLead) with its tasks and notes (variables cliengoTasks, cliengoNotes) as an event. */
    public String leadEvent(Exchange exchange) {
        JsonNode lead = JSON.convertValue(exchange.getVariable(LeadEnrichment.LEAD), JsonNode.class);
        ObjectNode event = JSON.createObjectNode();
        event.put("eventId", "poll:" + lead.path("id").asText() + ":" + lead.path("updatedAt").asText());
        event.put("type", "lead.polled");
        event.put("occurredAt", clock.instant().toString());
        event.put("leadId", lead.path("id").asText());
        event.set("lead", lead);
        event.set("tasks", read(exchange, "cliengoTasks").path("tasks"));
        event.set("notes", read(exchange, "cliengoNotes").path("notes"));
        return event.toString();
    }

    private static JsonNode read(Exchange exchange, String variable) {
        String text = exchange.getVariable(variable, String.class);
        try {
            return text == null ? JSON.createObjectNode() : JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Cliengo answered " + variable + " that is not JSON: " + e.getMessage(), e);
        }
    }
}
