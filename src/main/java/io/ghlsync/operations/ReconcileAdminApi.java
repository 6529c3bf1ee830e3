package io.ghlsync.operations;

import io.ghlsync.sources.clientjoy.GhlPoll;
import io.ghlsync.sources.clientjoy.Reconciliation;
import org.apache.camel.Exchange;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The admin API of the GHL -> Clientjoy reconciliation (routes/admin-api.camel.yaml): start a run now, and see the
 * running (or last) run and the incremental poll's figures.
 */
public final class ReconcileAdminApi {

    private final Reconciliation reconciliation;
    private final GhlPoll poll;

    public ReconcileAdminApi(Reconciliation reconciliation, GhlPoll poll) {
        this.reconciliation = reconciliation;
        this.poll = poll;
    }

    /**
     * {@code POST /admin/reconcile}: claims a run and answers 202 (the route then hands it to the reconciliation by
     * wire tap); 409 while one runs.
     */
    public void start(Exchange exchange) {
        DeadLetterAdminApi.answer(exchange, () -> {
            AdminQuery.of(exchange, Set.of());
            if (!reconciliation.claim(exchange)) {
                throw new AdminRequestException(409, null, "a reconciliation is running already");
            }
            AdminResponses.json(exchange, 202, answer());
        });
    }

    /** {@code GET /admin/reconcile}: {@code {"reconcile": <run or null>, "poll": {...}}}. */
    public void status(Exchange exchange) {
        DeadLetterAdminApi.answer(exchange, () -> {
            AdminQuery.of(exchange, Set.of());
            AdminResponses.json(exchange, 200, answer());
        });
    }

    private Map<String, Object> answer() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("reconcile", reconciliation.status());
        out.put("poll", poll.status());
        return out;
    }
}
