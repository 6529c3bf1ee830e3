package io.ghlsync.sources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ghlsync.state.PollCursors;
import org.apache.camel.Exchange;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The paging steps every source poll shares (routes/*-poll*.camel.yaml): pages of
 * {@code GET <list>?limit=&updatedSince=<cursor>&cursor=<page>} from the persisted cursor, answered as
 * {@code {"<items>": [...], "nextCursor": ...}} oldest change first; after each page the cursor moves to the last
 * item's update stamp (inclusive next time, so a source's events must dedupe the same version seen twice). Hand-written:
 * Camel has no consumer for a cursor-paged REST list; the loop and split stay visible in the route.
 */
public abstract class UpdatedSincePoll {

    protected static final ObjectMapper JSON = new ObjectMapper();

    private final PollCursors cursors;
    private final String source;
    private final String stream;
    private final String itemsField;
    private final String stampField;
    private final int pageSize;
    private final String since;
    private final String pageCursor;
    private final String more;
    private final String reached;

    /**
     * @param itemsField the page's list ({@code leads}, {@code clients}); {@code stampField} each item's update stamp
     * @param variables  the prefix of the exchange variables this poll keeps its place in
     */
    protected UpdatedSincePoll(PollCursors cursors, String source, String stream, String itemsField, String stampField,
                               int pageSize, String variables) {
        this.cursors = cursors;
        this.source = source;
        this.stream = stream;
        this.itemsField = itemsField;
        this.stampField = stampField;
        this.pageSize = pageSize;
        this.since = variables + "Since";
        this.pageCursor = variables + "Cursor";
        this.more = variables + "More";
        this.reached = variables + "Reached";
    }

    /** A new poll: from the stored cursor (the stamp of the last item stored), first page. */
    public void start(Exchange exchange) {
        exchange.setVariable(since, cursors.get(source, stream).orElse(null));
        exchange.setVariable(pageCursor, null);
        exchange.setVariable(more, true);
        exchange.setVariable(reached, null);
    }

    public boolean morePages(Exchange exchange) {
        return Boolean.TRUE.equals(exchange.getVariable(more, Boolean.class));
    }

    /** The query of the next page request. */
    public void pageRequest(Exchange exchange) {
        StringBuilder query = new StringBuilder("limit=").append(pageSize);
        append(query, "updatedSince", exchange.getVariable(since, String.class));
        append(query, "cursor", exchange.getVariable(pageCursor, String.class));
        exchange.getMessage().removeHeader(Exchange.HTTP_PATH);
        exchange.getMessage().setHeader(Exchange.HTTP_QUERY, query.toString());
    }

    /** Reads a page (the body): notes where the next page starts; answers its items. */
    public List<Object> pageRead(Exchange exchange) {
        JsonNode page = JSON.convertValue(exchange.getMessage().getBody(), JsonNode.class);
        JsonNode next = page.path("nextCursor");
        exchange.setVariable(pageCursor, next.isTextual() || next.isNumber() ? next.asText() : null);
        exchange.setVariable(more, next.isTextual() || next.isNumber());
        JsonNode items = page.path(itemsField);
        if (!items.isEmpty()) {
            exchange.setVariable(reached, items.get(items.size() - 1).path(stampField).asText(null));
        }
        return JSON.convertValue(items, List.class);
    }

    /** After the page's items are stored: the cursor moves to the stamp of its last item (inclusive next time). */
    public void advance(Exchange exchange) {
        String stamp = exchange.getVariable(reached, String.class);
        if (stamp != null) {
            cursors.advance(source, stream, stamp);
        }
    }

    private static void append(StringBuilder query, String name, String value) {
        if (value != null) {
            query.append('&').append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }
}
