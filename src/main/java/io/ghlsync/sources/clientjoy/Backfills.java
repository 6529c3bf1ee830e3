package io.ghlsync.sources.clientjoy;

import io.ghlsync.ghl.GhlConstants;
import io.ghlsync.state.PollCursors;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/**
 * The backfill of GHL contacts to Clientjoy, as the steps of routes/ghl-to-clientjoy.camel.yaml call it: which page to
 * ask GHL for next, what a page says (its contacts, the next position, the total), and the cursor kept after each
 * page, so that a stopped or killed backfill resumes where it was. Also the live progress (count, rate, time left) for
 * the admin API, the {@code backfill} command and the metrics. Only one page is held in memory at a time.
 */
public final class Backfills {

    /**
     * Exchange property that carries the scope's stream name to the backfill route (the admin call wire-taps into it,
     * the resume at start-up sends to it). A property, not a header: it is never sent on by an HTTP producer.
     */
    public static final String SCOPE_PROPERTY = "GhlSyncBackfillScope";
    static final String SCOPE = "backfillScope";
    static final String NEXT = "backfillNext";
    static final String MORE = "backfillMore";
    static final String BY_BUSINESS = "backfillByBusiness";

    private final PollCursors cursors;
    private final CamelContext camel;
    private final int pageSize;
    private final Clock clock;
    private final Map<BackfillScope, BackfillRun> runs = new ConcurrentHashMap<>();
    private final Set<BackfillScope> gauged = ConcurrentHashMap.newKeySet();

    public Backfills(PollCursors cursors, CamelContext camel, int pageSize, Clock clock) {
        if (pageSize < 1 || pageSize > 100) {
            throw new IllegalArgumentException("clientjoy.backfill.page-size must be from 1 to 100 (GHL's limit), not " + pageSize);
        }
        this.cursors = cursors;
        this.camel = camel;
        this.pageSize = pageSize;
        this.clock = clock;
    }

    /**
     * Registers a backfill as running in this process: it resumes from its cursor when that says running, else starts
     * from the first page. Refused while the same scope is already running here.
     */
    public synchronized BackfillCursor start(BackfillScope scope) {
        BackfillRun current = runs.get(scope);
        if (current != null && current.active()) {
            throw new BackfillRunningException(scope);
        }
        BackfillCursor cursor = stored(scope).filter(BackfillCursor::running)
                .orElseGet(() -> BackfillCursor.fresh(clock.instant()));
        cursors.advance(ClientjoyLinks.SOURCE, scope.stream(), cursor.toJson());
        runs.put(scope, new BackfillRun(cursor));
        registerGauges(scope);
        return cursor;
    }

    /** The scopes whose cursor says running but that no part of this process runs: what a restart resumes. */
    public List<String> unfinished() {
        List<String> out = new ArrayList<>();
        cursors.streams(ClientjoyLinks.SOURCE, BackfillScope.PREFIX).forEach((stream, value) -> {
            BackfillScope scope = BackfillScope.ofStream(stream);
            BackfillRun run = runs.get(scope);
            if (BackfillCursor.fromJson(value).running() && (run == null || !run.active())) {
                out.add(stream);
            }
        });
        return out;
    }

    // ---- steps of the backfill route ----

    /**
     * For the resume at start-up: registers the interrupted backfill of {@code stream} as running here, unless an admin
     * call was quicker; true when this caller is to run it.
     */
    public synchronized boolean claim(String stream) {
        BackfillScope scope = BackfillScope.ofStream(stream);
        BackfillRun run = runs.get(scope);
        if (run != null && run.active()) {
            return false;
        }
        start(scope);
        return true;
    }

    /**
     * First step: the scope from the {@link #SCOPE_PROPERTY} property (registered by {@link #start} or {@link #claim})
     * into a variable, and no header: the request that started it (its credentials) stays behind.
     */
    public void begin(Exchange exchange) {
        String stream = exchange.getProperty(SCOPE_PROPERTY, String.class);
        exchange.getMessage().removeHeaders("*");
        BackfillScope scope = BackfillScope.ofStream(stream);
        if (runs.get(scope) == null) {
            throw new IllegalStateException("the backfill of " + scope + " was not registered before it ran");
        }
        exchange.setVariable(SCOPE, scope);
        exchange.setVariable(BY_BUSINESS, scope.businessId() != null);
        exchange.setVariable(MORE, true);
    }

    /** The parameters of the next page: {@code GET /contacts/} after the cursor, or a business's contacts from skip. */
    public void nextPage(Exchange exchange) {
        BackfillScope scope = exchange.getVariable(SCOPE, BackfillScope.class);
        BackfillCursor cursor = runs.get(scope).cursor();
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("limit", String.valueOf(pageSize));
        if (scope.businessId() != null) {
            parameters.put("businessId", scope.businessId());
            parameters.put("skip", String.valueOf(cursor.skip()));
        } else if (cursor.startAfterId() != null) {
            parameters.put("startAfter", String.valueOf(cursor.startAfter()));
            parameters.put("startAfterId", cursor.startAfterId());
        }
        exchange.getMessage().setHeader(GhlConstants.PARAMETERS, parameters);
        exchange.getMessage().setHeader(GhlConstants.LOCATION_ID, scope.locationId());
        exchange.getMessage().setHeader(GhlConstants.PRIORITY, "BACKFILL");
    }

    /** Reads GHL's page: the body becomes its list of contacts; the position after it waits in a variable. */
    public void pageRead(Exchange exchange) {
        BackfillScope scope = exchange.getVariable(SCOPE, BackfillScope.class);
        BackfillCursor cursor = runs.get(scope).cursor();
        Map<?, ?> answer = exchange.getMessage().getBody(Map.class);
        // the position after the page, read as the GHL poll and the reconciliation read theirs (a business's pages go by
        // the cursor's skip instead)
        ContactListPage page = new ContactListPage(List.of(), cursor.startAfter(), cursor.startAfterId(), false)
                .next(answer, pageSize);
        Map<?, ?> meta = answer != null && answer.get("meta") instanceof Map<?, ?> m ? m : Map.of();
        long total = number(scope.businessId() == null ? meta.get("total") : answer == null ? null : answer.get("count"));
        exchange.setVariable(NEXT, cursor.next(page.startAfter(), page.startAfterId(), page.contacts().size(), total,
                page.last(), clock.instant()));
        exchange.getMessage().setBody(page.contacts());
        // the page's parameters must not reach the contacts' own GHL calls (their tasks, notes, appointments)
        exchange.getMessage().removeHeader(GhlConstants.PARAMETERS);
    }

    /** After every contact of the page is done: the cursor moves past the page (durably) and the progress with it. */
    public void pageDone(Exchange exchange) {
        BackfillScope scope = exchange.getVariable(SCOPE, BackfillScope.class);
        BackfillCursor next = exchange.getVariable(NEXT, BackfillCursor.class);
        cursors.advance(ClientjoyLinks.SOURCE, scope.stream(), next.toJson());
        runs.get(scope).advanced(next);
        exchange.setVariable(MORE, next.running());
    }

    /** The backfill route failed outside any one contact (GHL's list call, the state database): it stops here. */
    public void failed(Exchange exchange) {
        BackfillScope scope = exchange.getVariable(SCOPE, BackfillScope.class);
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (scope != null && runs.get(scope) != null) {
            runs.get(scope).failed(e == null ? "stopped" : e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    // ---- progress ----

    /** The progress of a scope, for the admin API: empty when it never ran. */
    public Optional<Map<String, Object>> progress(BackfillScope scope) {
        BackfillRun run = runs.get(scope);
        Optional<BackfillCursor> cursor = run != null ? Optional.of(run.cursor()) : stored(scope);
        return cursor.map(c -> {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("locationId", scope.locationId());
            out.put("businessId", scope.businessId());
            String state = c.state();
            if (run != null && run.failure() != null) {
                state = "failed";
            } else if (c.running() && (run == null || !run.active())) {
                state = "interrupted"; // the cursor says running, but nothing runs it here: a restart resumes it
            }
            out.put("state", state);
            out.put("copied", c.copied());
            out.put("total", c.total());
            out.put("percent", c.total() == 0 ? (c.running() ? 0 : 100) : Math.min(100, Math.round(c.copied() * 1000.0 / c.total()) / 10.0));
            out.put("ratePerSecond", run == null ? 0 : Math.round(run.rate() * 10) / 10.0);
            out.put("etaSeconds", run == null ? -1 : run.etaSeconds());
            out.put("startedAt", c.startedAt());
            out.put("finishedAt", c.finishedAt());
            if (run != null && run.failure() != null) {
                out.put("error", run.failure());
            }
            return out;
        });
    }

    private Optional<BackfillCursor> stored(BackfillScope scope) {
        return cursors.get(ClientjoyLinks.SOURCE, scope.stream()).map(BackfillCursor::fromJson);
    }

    /** ghlsync_backfill_* gauges per scope, read at scrape time from the live run (registered once per scope). */
    private void registerGauges(BackfillScope scope) {
        MeterRegistry meters = camel.getRegistry().findSingleByType(MeterRegistry.class);
        if (meters == null || !gauged.add(scope)) {
            return;
        }
        gauge(meters, scope, "ghlsync.backfill.copied", "contacts copied to Clientjoy so far", r -> r.cursor().copied());
        gauge(meters, scope, "ghlsync.backfill.expected", "contacts GHL reports for the backfill (a _total suffix would be read as a counter)", r -> r.cursor().total());
        gauge(meters, scope, "ghlsync.backfill.rate", "contacts per second since this process started the backfill", BackfillRun::rate);
        gauge(meters, scope, "ghlsync.backfill.eta.seconds", "seconds left at the current rate (-1: not known yet)",
                r -> r.etaSeconds());
    }

    private void gauge(MeterRegistry meters, BackfillScope scope, String name, String description, ToDoubleFunction<BackfillRun> figure) {
        Gauge.builder(name, runs, r -> Optional.ofNullable(r.get(scope)).map(figure::applyAsDouble).orElse(0.0))
                .tag("location", scope.locationId()).tag("business", scope.businessId() == null ? "" : scope.businessId())
                .description(description).register(meters);
    }

    private static long number(Object value) {
        if (value instanceof Number n) {
            return n.longValue();
        }
        try {
            return value == null ? 0 : Long.parseLong(value.toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
