package io.ghlsync.sources.cliengo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ghlsync.state.PollCursors;
import org.apache.camel.Exchange;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;

/**
 * The polling fallback's steps (routes/cliengo-poll.camel.yaml): pages of {@code GET /leads?updatedSince=&cursor=}
 * from the persisted cursor (PollCursors, source cliengo, stream leads-updated), and each lead, with its tasks and
 * notes, as one {@code lead.polled} event for the same inbox the webhooks feed. Its event id is
 * {@code poll:<leadId>:<updatedAt>}: the same version of a lead polled twice is stored once, and a lead the webhooks
 * already brought is written to GHL zero times (its link's hash, its notes' and tasks' links).
 */
public final class CliengoPoll {

    static final String SOURCE = "cliengo";
    static final String STREAM = "leads-updated";
    private static final String SINCE = "cliengoPollSince";
    private static final String PAGE_CURSOR = "cliengoPollCursor";
    private static final String MORE = "cliengoPollMore";
    private static final String REACHED = "cliengoPollReached";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PollCursors cursors;
    private final int pageSize;
    private final Clock clock;

    public CliengoPoll(PollCursors cursors, int pageSize, Clock clock) {
        this.cursors = cursors;
        this.pageSize = pageSize;
        this.clock = clock;
    }

    /** A new poll: from the stored cursor (the updatedAt of the last lead stored), first page. */
    public void start(Exchange exchange) {
        exchange.setVariable(SINCE, cursors.get(SOURCE, STREAM).orElse(null));
        exchange.setVariable(PAGE_CURSOR, null);
        exchange.setVariable(MORE, true);
        exchange.setVariable(REACHED, null);
    }

    public boolean morePages(Exchange exchange) {
        return Boolean.TRUE.equals(exchange.getVariable(MORE, Boolean.class));
    }

    /** The query of the next page request. */
    public void pageRequest(Exchange exchange) {
        StringBuilder query = new StringBuilder("limit=").append(pageSize);
        append(query, "updatedSince", exchange.getVariable(SINCE, String.class));
        append(query, "cursor", exchange.getVariable(PAGE_CURSOR, String.class));
        exchange.getMessage().removeHeader(Exchange.HTTP_PATH);
        exchange.getMessage().setHeader(Exchange.HTTP_QUERY, query.toString());
    }

    /** Reads a page (the body, {"leads", "nextCursor"}): notes where the next page starts; answers the leads. */
    public List<Object> pageRead(Exchange exchange) {
        JsonNode page = JSON.convertValue(exchange.getMessage().getBody(), JsonNode.class);
        JsonNode next = page.path("nextCursor");
        exchange.setVariable(PAGE_CURSOR, next.isTextual() || next.isNumber() ? next.asText() : null);
        exchange.setVariable(MORE, next.isTextual() || next.isNumber());
        JsonNode leads = page.path("leads");
        if (!leads.isEmpty()) {
            exchange.setVariable(REACHED, leads.get(leads.size() - 1).path("updatedAt").asText(null));
        }
        return JSON.convertValue(leads, List.class);
    }

    /** After the page's leads are stored: the cursor moves to the updatedAt of its last lead (inclusive next time). */
    public void advance(Exchange exchange) {
        String reached = exchange.getVariable(REACHED, String.class);
        if (reached != null) {
            cursors.advance(SOURCE, STREAM, reached);
        }
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

    private static void append(StringBuilder query, String name, String value) {
        if (value != null) {
            query.append('&').append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }
}
