package io.ghlsync.sources.clientjoy;

import io.ghlsync.state.ReconcileSeen;
import io.ghlsync.state.ReconcileSeen.Side;
import io.ghlsync.state.ReconcileSeen.Unseen;
import org.apache.camel.Exchange;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The reconciliation of GHL contacts with Clientjoy clients (routes/ghl-reconcile.camel.yaml, route ghl-reconcile), as
 * its steps call it. GHL offers no feed of deletions and does not retry most failed webhooks, so a run compares id sets:
 * <ol>
 * <li>Clientjoy's client list, page by page: every id listed is noted; a linked client that was not listed is gone
 * from Clientjoy, and its contact is copied again from GHL (GHL is the hub), or, when GHL has lost it too, the link is
 * pruned;</li>
 * <li>GHL's contact list, page by page: every id listed is noted, and every contact goes through the per-contact sync,
 * which writes only what changed (missed updates, missed creates);</li>
 * <li>only when both lists were read to their end: a linked contact GHL did not list is asked for by id, and only when
 * GHL answers "not found" is its client deleted and the link pruned.</li>
 * </ol>
 * A page that fails (after the retries) aborts the run with its reason before any delete: deletes follow only a
 * complete read of both sides, each one is confirmed by GHL, links written after the run started are never candidates,
 * and a run that would delete more than {@code ghl.reconcile.max-delete-percent} of the linked contacts (and more than
 * {@link #ALWAYS_ALLOWED_DELETES}) stops instead, naming the count. Seen ids live in the state database (one page in
 * memory at a time).
 */
public final class Reconciliation {

    /** Deletes below this count are never refused by the percentage guard (a small location losing a few contacts). */
    static final int ALWAYS_ALLOWED_DELETES = 10;
    private static final String RUN = "reconcileRun";
    private static final String MORE = "reconcileMore";

    private final ReconcileSeen seen;
    private final String locationId;
    private final int pageSize;
    private final int maxDeletePercent;
    private final Clock clock;
    private final AtomicReference<Run> current = new AtomicReference<>();
    private volatile Run last;

    /** One run: its id, start, paging positions and counts. */
    static final class Run {
        final String id = UUID.randomUUID().toString();
        final Instant startedAt;
        volatile String state = "running";
        volatile String phase = "clientjoy";
        volatile String error;
        volatile Instant finishedAt;
        String clientjoyCursor;
        ContactListPage ghlPage = ContactListPage.BEFORE_FIRST;
        long clientjoyClients;
        long ghlContacts;
        long recreated;
        long deleted;
        long pruned;
        long keptAfterCheck;

        Run(Instant startedAt) {
            this.startedAt = startedAt;
        }
    }

    public Reconciliation(ReconcileSeen seen, String locationId, int pageSize, int maxDeletePercent, Clock clock) {
        if (pageSize < 1 || pageSize > 100) {
            throw new IllegalArgumentException("ghl.reconcile.page-size must be from 1 to 100 (GHL's and Clientjoy's limit), not " + pageSize);
        }
        if (maxDeletePercent < 0 || maxDeletePercent > 100) {
            throw new IllegalArgumentException("ghl.reconcile.max-delete-percent must be from 0 to 100, not " + maxDeletePercent);
        }
        this.seen = seen;
        this.locationId = locationId;
        this.pageSize = pageSize;
        this.maxDeletePercent = maxDeletePercent;
        this.clock = clock;
    }

    /**
     * Registers a run, unless one is running in this process: true when the caller is to run it (the scheduled trigger
     * skips a turn; the admin call answers 409).
     */
    public boolean claim(Exchange exchange) {
        Run run = new Run(clock.instant());
        if (!current.compareAndSet(null, run)) {
            return false;
        }
        exchange.setProperty(RUN, run);
        return true;
    }

    public boolean running() {
        return current.get() != null;
    }

    /** First step of a claimed run: a clean slate of seen ids, and no header of whatever triggered it. */
    public void begin(Exchange exchange) {
        Run run = exchange.getProperty(RUN, Run.class);
        if (run == null || current.get() != run) {
            throw new IllegalStateException("the reconciliation was not claimed before it ran");
        }
        exchange.getMessage().removeHeaders("*");
        seen.clear();
        exchange.setVariable(MORE, true);
    }

    // ---- 1. Clientjoy's client list ----

    /** The query of the next page of {@code GET /clients}. */
    public void nextClientsPage(Exchange exchange) {
        Run run = run(exchange);
        exchange.getMessage().setHeader(Exchange.HTTP_QUERY, "limit=" + pageSize
                + (run.clientjoyCursor == null ? "" : "&cursor=" + java.net.URLEncoder.encode(run.clientjoyCursor, java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** Clientjoy's page: its client ids noted as seen; more while it names a next page. */
    public void clientsPageRead(Exchange exchange) {
        Run run = run(exchange);
        Map<?, ?> page = exchange.getMessage().getBody(Map.class);
        if (page == null || !(page.get("clients") instanceof List<?> clients)) {
            throw new ReconcileAbortedException("Clientjoy's client list answered without a clients array");
        }
        List<String> ids = new ArrayList<>();
        for (Object client : clients) {
            if (client instanceof Map<?, ?> map && map.get("id") != null) {
                ids.add(map.get("id").toString());
            }
        }
        seen.add(run.id, Side.TARGET, ids);
        run.clientjoyClients += ids.size();
        Object next = page.get("nextCursor");
        run.clientjoyCursor = next == null ? null : next.toString();
        exchange.setVariable(MORE, run.clientjoyCursor != null && !run.clientjoyCursor.isBlank());
    }

    /**
     * The linked clients Clientjoy did not list (gone from Clientjoy), as the body: each a map of {@code ghlContactId}
     * and {@code clientjoyClientId}; then the GHL phase begins.
     */
    public void goneFromClientjoy(Exchange exchange) {
        Run run = run(exchange);
        exchange.getMessage().setBody(asItems(seen.unseen(run.id, Side.TARGET, ClientjoyLinks.SOURCE, locationId,
                run.startedAt, Integer.MAX_VALUE)));
        run.phase = "ghl";
        exchange.setVariable(MORE, true);
    }

    // ---- 2. GHL's contact list ----

    public void nextContactsPage(Exchange exchange) {
        run(exchange).ghlPage.requestNext(exchange.getMessage(), locationId, pageSize);
    }

    /** GHL's page: its contact ids noted as seen; the body becomes its contacts, for the per-contact sync. */
    public void contactsPageRead(Exchange exchange) {
        Run run = run(exchange);
        Map<?, ?> answer = exchange.getMessage().getBody(Map.class);
        if (answer == null || !(answer.get("contacts") instanceof List<?>)) {
            throw new ReconcileAbortedException("GHL's contact list answered without a contacts array");
        }
        run.ghlPage = run.ghlPage.next(answer, pageSize);
        List<String> ids = new ArrayList<>();
        for (Object contact : run.ghlPage.contacts()) {
            if (contact instanceof Map<?, ?> map && map.get("id") != null) {
                ids.add(map.get("id").toString());
            }
        }
        seen.add(run.id, Side.GHL, ids);
        run.ghlContacts += ids.size();
        exchange.setVariable(MORE, !run.ghlPage.last());
        exchange.getMessage().setBody(run.ghlPage.contacts());
        exchange.getMessage().removeHeader(io.ghlsync.ghl.GhlConstants.PARAMETERS);
    }

    // ---- 3. deletes, after both lists were read to the end ----

    /**
     * The linked contacts GHL did not list, as the body (maps of {@code ghlContactId}, {@code clientjoyClientId}),
     * each to be confirmed by GHL before its client is deleted; refused (the run aborts) when they are too many.
     */
    public void goneFromGhl(Exchange exchange) {
        Run run = run(exchange);
        if (!run.ghlPage.last()) {
            throw new ReconcileAbortedException("GHL's contact list was not read to its end; nothing is deleted");
        }
        run.phase = "deletes";
        long candidates = seen.countUnseen(run.id, Side.GHL, ClientjoyLinks.SOURCE, locationId, run.startedAt);
        long linked = seen.linkedContacts(ClientjoyLinks.SOURCE, locationId);
        long allowed = Math.max(ALWAYS_ALLOWED_DELETES, linked * maxDeletePercent / 100);
        if (candidates > allowed) {
            throw new ReconcileAbortedException(candidates + " of " + linked + " linked contacts were not in GHL's list,"
                    + " more than ghl.reconcile.max-delete-percent (" + maxDeletePercent + "%) allows; nothing is deleted."
                    + " If GHL really lost them, raise the setting and reconcile again");
        }
        exchange.getMessage().setBody(asItems(seen.unseen(run.id, Side.GHL, ClientjoyLinks.SOURCE, locationId,
                run.startedAt, (int) candidates)));
    }

    /** A contact whose client was gone from Clientjoy was copied there again. */
    public void recreated(Exchange exchange) {
        run(exchange).recreated++;
    }

    /** A contact GHL no longer has: its client was deleted and its link pruned. */
    public void deleted(Exchange exchange) {
        run(exchange).deleted++;
    }

    /** A link that pointed at nothing on either side was pruned. */
    public void pruned(Exchange exchange) {
        run(exchange).pruned++;
    }

    /** A contact GHL's list did not show but GHL still has (asked by id): synced, not deleted. */
    public void kept(Exchange exchange) {
        run(exchange).keptAfterCheck++;
    }

    /** Last step: the run is done and its seen ids are dropped. */
    public void finished(Exchange exchange) {
        end(run(exchange), "done", null);
    }

    /** The run stopped (a page failed after its retries, or a guard refused): the reason is kept; nothing more runs. */
    public void failed(Exchange exchange) {
        Run run = exchange.getProperty(RUN, Run.class);
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (run != null) {
            end(run, "failed", e == null ? "stopped" : e instanceof ReconcileAbortedException ? e.getMessage()
                    : e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** The running run, else the last one, for the admin API; null when none ran since the start. */
    public Map<String, Object> status() {
        Run run = current.get() != null ? current.get() : last;
        if (run == null) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("state", run.state);
        out.put("phase", run.phase);
        out.put("startedAt", run.startedAt.toString());
        out.put("finishedAt", run.finishedAt == null ? null : run.finishedAt.toString());
        out.put("clientjoyClients", run.clientjoyClients);
        out.put("ghlContacts", run.ghlContacts);
        out.put("recreated", run.recreated);
        out.put("deleted", run.deleted);
        out.put("pruned", run.pruned);
        out.put("keptAfterCheck", run.keptAfterCheck);
        if (run.error != null) {
            out.put("error", run.error);
        }
        return out;
    }

    private void end(Run run, String state, String error) {
        run.state = state;
        run.error = error;
        run.finishedAt = clock.instant();
        last = run;
        current.compareAndSet(run, null);
        try {
            seen.clear();
        } catch (RuntimeException e) {
            // the next run clears them first; a database that fails here fails there with its own reason
        }
    }

    private static List<Map<String, String>> asItems(List<Unseen> unseen) {
        List<Map<String, String>> out = new ArrayList<>(unseen.size());
        for (Unseen u : unseen) {
            out.add(Map.of(ClientjoyLinks.CONTACT_ID, u.ghlId(), ClientjoyLinks.CLIENT_ID, u.sourceId()));
        }
        return out;
    }

    private static Run run(Exchange exchange) {
        Run run = exchange.getProperty(RUN, Run.class);
        if (run == null) {
            throw new IllegalStateException("no reconciliation run on this exchange");
        }
        return run;
    }
}
