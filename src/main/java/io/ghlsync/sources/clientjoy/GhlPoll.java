package io.ghlsync.sources.clientjoy;

import io.ghlsync.intake.InboxConstants;
import io.ghlsync.state.PollCursors;
import org.apache.camel.Exchange;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The incremental poll of GHL contacts (routes/ghl-reconcile.camel.yaml, route ghl-poll): GHL's contact list page by
 * page, each page filtered to the contacts whose {@code dateUpdated} is at or after the cursor, which are then stored as
 * {@code ContactUpdate} events in the GHL webhooks' inbox and applied like them (an unchanged one costs no Clientjoy
 * write: the link's hash).
 *
 * <p>The official contract documents no {@code dateUpdated} filter: {@code POST /contacts/search} declares an empty
 * body schema, and {@code GET /contacts/} filters only by a text query. So every poll reads the whole list
 * ({@code ceil(contacts / page-size)} GHL calls) and filters here. The cursor is the time this poll started minus
 * {@code ghl.poll.overlap-seconds} (clock skew between this host and GHL, and contacts changed while the list was
 * read), kept in the state database when a poll finishes; a poll that fails keeps the old one, so the next poll reads
 * that window again.
 */
public final class GhlPoll {

    static final String STREAM_PREFIX = "ghl-poll/";
    private static final String RUN = "ghlPollRun";
    private static final String MORE = "ghlPollMore";

    private final PollCursors cursors;
    private final String locationId;
    private final int pageSize;
    private final Duration overlap;
    private final Clock clock;
    private final AtomicLong polls = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile Map<String, Object> last = Map.of();

    /** One poll in progress: where it started, what it filters on, how far it got. */
    static final class Run {
        final Instant startedAt;
        final Instant since;
        ContactListPage page = ContactListPage.BEFORE_FIRST;
        long read;
        long changed;

        Run(Instant startedAt, Instant since) {
            this.startedAt = startedAt;
            this.since = since;
        }
    }

    public GhlPoll(PollCursors cursors, String locationId, int pageSize, Duration overlap, Clock clock) {
        if (pageSize < 1 || pageSize > 100) {
            throw new IllegalArgumentException("ghl.poll.page-size must be from 1 to 100 (GHL's limit), not " + pageSize);
        }
        if (overlap.isNegative()) {
            throw new IllegalArgumentException("ghl.poll.overlap-seconds must not be negative");
        }
        this.cursors = cursors;
        this.locationId = locationId;
        this.pageSize = pageSize;
        this.overlap = overlap;
        this.clock = clock;
    }

    /** First step: the cursor (or, on the very first poll, this poll's own start minus the overlap) as the filter. */
    public void start(Exchange exchange) {
        Instant now = clock.instant();
        Instant since = cursors.get(ClientjoyLinks.SOURCE, stream()).map(Instant::parse).orElse(now.minus(overlap));
        exchange.getMessage().removeHeaders("*");
        exchange.setVariable(RUN, new Run(now, since));
        exchange.setVariable(MORE, true);
    }

    /** The ghl: headers of the next page. */
    public void nextPage(Exchange exchange) {
        run(exchange).page.requestNext(exchange.getMessage(), locationId, pageSize);
    }

    /** GHL's page: the body becomes its contacts updated since the cursor; the position moves past the page. */
    public void pageRead(Exchange exchange) {
        Run run = run(exchange);
        run.page = run.page.next(exchange.getMessage().getBody(Map.class), pageSize);
        List<?> changed = run.page.contacts().stream().filter(c -> updatedSince(c, run.since)).toList();
        run.read += run.page.contacts().size();
        run.changed += changed.size();
        exchange.setVariable(MORE, !run.page.last());
        exchange.getMessage().setBody(changed);
        // the page's parameters must not reach the contacts' own GHL calls (their tasks, notes, appointments)
        exchange.getMessage().removeHeader(io.ghlsync.ghl.GhlConstants.PARAMETERS);
    }

    /**
     * A changed contact of the page (the body) as the inbox event a GHL {@code ContactUpdate} webhook would be: stored in
     * {@code inbox:ghl} under the contact's key, it is applied in order with that contact's webhook events (re-read
     * from GHL when its turn comes), never beside them with an older copy. Its event id names the version, so a
     * version the overlap reads again is stored once. The reconciliation stores the missed changes it finds the same
     * way (route ghl-reconcile-missed-change), so a version both find is stored once too.
     */
    public Map<String, Object> asEvent(Exchange exchange) {
        Map<?, ?> contact = exchange.getMessage().getBody(Map.class);
        String id = String.valueOf(contact.get("id"));
        String eventId = "poll:" + id + ":" + contact.get("dateUpdated");
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", "ContactUpdate");
        event.put("locationId", locationId);
        event.put("id", id);
        event.put("webhookId", eventId);
        exchange.getMessage().setHeader(InboxConstants.EVENT_ID, eventId);
        exchange.getMessage().setHeader(InboxConstants.EVENT_TYPE, "ContactUpdate");
        exchange.getMessage().setHeader(InboxConstants.ORDERING_KEY, id);
        return event;
    }

    /** Last step: the cursor moves to this poll's start minus the overlap (durably), for the next poll. */
    public void finish(Exchange exchange) {
        Run run = run(exchange);
        Instant next = run.startedAt.minus(overlap);
        cursors.advance(ClientjoyLinks.SOURCE, stream(), next.toString());
        polls.incrementAndGet();
        last = summary(run, "done", null, next);
    }

    /** The poll failed after its retries (GHL's list, the state database): the cursor stays, the next poll reads again. */
    public void failed(Exchange exchange) {
        Run run = exchange.getVariable(RUN, Run.class);
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (run != null) {
            failures.incrementAndGet();
            last = summary(run, "failed", e == null ? "stopped" : e.getClass().getSimpleName() + ": " + e.getMessage(), run.since);
        }
    }

    /** What the admin API shows: polls done and failed, and the last one. */
    public Map<String, Object> status() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("polls", polls.get());
        out.put("failures", failures.get());
        out.put("cursor", cursors.get(ClientjoyLinks.SOURCE, stream()).orElse(null));
        out.put("last", last);
        return out;
    }

    private Map<String, Object> summary(Run run, String state, String error, Instant cursor) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("state", state);
        out.put("startedAt", run.startedAt.toString());
        out.put("finishedAt", clock.instant().toString());
        out.put("since", run.since.toString());
        out.put("contactsRead", run.read);
        out.put("contactsUpdatedSince", run.changed);
        out.put("cursor", cursor.toString());
        Optional.ofNullable(error).ifPresent(e -> out.put("error", e));
        return out;
    }

    private String stream() {
        return STREAM_PREFIX + locationId;
    }

    private static Run run(Exchange exchange) {
        return exchange.getVariable(RUN, Run.class);
    }

    /** A contact without a readable dateUpdated counts as changed: the link's hash decides whether it is written. */
    private static boolean updatedSince(Object contact, Instant since) {
        Long updated = contact instanceof Map<?, ?> map ? ContactListPage.epochMillis(map.get("dateUpdated")) : null;
        return updated == null || updated >= since.toEpochMilli();
    }
}
