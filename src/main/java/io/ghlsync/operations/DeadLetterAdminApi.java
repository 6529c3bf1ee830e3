package io.ghlsync.operations;

import io.ghlsync.state.DeadLetter;
import io.ghlsync.state.DeadLetterFilter;
import io.ghlsync.state.DeadLetters;
import io.ghlsync.state.StateStoreException;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The dead-letter admin API (routes/admin-api.camel.yaml calls one method per operation): list, show, replay and
 * discard, one letter or by filter. Every answer is JSON; refused input is a 4xx {@code {"error", "field"}}.
 */
public final class DeadLetterAdminApi {

    private static final Set<String> LIST_PARAMETERS = union(AdminQuery.FILTERS, Set.of("status", "limit", "offset"));
    private static final Set<String> BULK_PARAMETERS = union(AdminQuery.FILTERS, Set.of("all"));
    private static final int DEFAULT_LIMIT = 50;
    /** A bulk answer lists at most this many letters one by one; the counts always cover all of them. */
    private static final int BULK_DETAILS = 100;
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterAdminApi.class);

    private final DeadLetters store;
    private final DeadLetterReplayer replayer;

    public DeadLetterAdminApi(DeadLetters store, DeadLetterReplayer replayer) {
        this.store = store;
        this.replayer = replayer;
    }

    /** {@code GET /admin/dead-letters}: open letters (PENDING, REPLAYING) unless {@code status} says otherwise. */
    public void list(Exchange exchange) {
        answer(exchange, () -> {
            AdminQuery query = AdminQuery.of(exchange, LIST_PARAMETERS);
            DeadLetterFilter filter = query.filter(DeadLetterFilter.OPEN);
            int limit = query.limit(DEFAULT_LIMIT);
            int offset = query.offset();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("total", store.count(filter));
            body.put("limit", limit);
            body.put("offset", offset);
            body.put("deadLetters", store.list(filter, limit, offset).stream().map(DeadLetterJson::summary).toList());
            AdminResponses.json(exchange, 200, body);
        });
    }

    /** {@code GET /admin/dead-letters/{id}}: one letter with its source record, mapped payload and headers. */
    public void get(Exchange exchange) {
        answer(exchange, () -> {
            long id = AdminQuery.id(exchange);
            AdminQuery.of(exchange, Set.of());
            AdminResponses.json(exchange, 200, DeadLetterJson.full(existing(id)));
        });
    }

    /** {@code POST /admin/dead-letters/{id}/replay}. */
    public void replay(Exchange exchange) {
        answer(exchange, () -> {
            long id = AdminQuery.id(exchange);
            AdminQuery.of(exchange, Set.of());
            ReplayResult result = replayer.replay(id);
            int status = switch (result.outcome()) {
                case REPLAYED -> 200;
                case NOT_FOUND -> 404;
                case NOT_PENDING, NOT_REPLAYABLE -> 409;
                case FAILED_AGAIN -> 422;
            };
            Map<String, Object> body = result(result);
            if (status != 200) {
                body.put("error", result.reason());
            }
            AdminResponses.json(exchange, status, body);
        });
    }

    /** {@code POST /admin/dead-letters/replay?<filters>|all=true}: every matching PENDING letter. */
    public void replayMatching(Exchange exchange) {
        answer(exchange, () -> {
            DeadLetterFilter filter = bulkFilter(AdminQuery.of(exchange, BULK_PARAMETERS));
            List<ReplayResult> results = replayer.replayMatching(filter);
            Map<ReplayResult.Outcome, Integer> counts = new EnumMap<>(ReplayResult.Outcome.class);
            results.forEach(r -> counts.merge(r.outcome(), 1, Integer::sum));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("matched", results.size());
            body.put("replayed", counts.getOrDefault(ReplayResult.Outcome.REPLAYED, 0));
            body.put("failedAgain", counts.getOrDefault(ReplayResult.Outcome.FAILED_AGAIN, 0));
            body.put("skipped", results.size() - counts.getOrDefault(ReplayResult.Outcome.REPLAYED, 0)
                    - counts.getOrDefault(ReplayResult.Outcome.FAILED_AGAIN, 0));
            body.put("results", results.stream().limit(BULK_DETAILS).map(DeadLetterAdminApi::result).toList());
            AdminResponses.json(exchange, 200, body);
        });
    }

    /** {@code DELETE /admin/dead-letters/{id}}: discards a PENDING letter. */
    public void discard(Exchange exchange) {
        answer(exchange, () -> {
            long id = AdminQuery.id(exchange);
            AdminQuery.of(exchange, Set.of());
            DeadLetter letter = existing(id);
            if (!store.discard(id)) {
                throw new AdminRequestException(409, "id", "dead letter " + id + " is "
                        + store.get(id).orElse(letter).status() + ", not PENDING: only pending letters are discarded");
            }
            AdminResponses.json(exchange, 200, DeadLetterJson.summary(existing(id)));
        });
    }

    /** {@code POST /admin/dead-letters/discard?<filters>|all=true}: discards every matching PENDING letter. */
    public void discardMatching(Exchange exchange) {
        answer(exchange, () -> {
            DeadLetterFilter filter = bulkFilter(AdminQuery.of(exchange, BULK_PARAMETERS));
            AdminResponses.json(exchange, 200, Map.of("discarded", store.discard(filter)));
        });
    }

    /** A bulk operation names what it is for: filters, or all=true, never nothing (an empty POST is not "all"). */
    private static DeadLetterFilter bulkFilter(AdminQuery query) {
        boolean all = query.all();
        if (!all && !query.hasFilter()) {
            throw AdminRequestException.badRequest(null, "name the letters: give route, source, errorClass, httpStatus,"
                    + " createdAfter or createdBefore, or all=true");
        }
        if (all && query.hasFilter()) {
            throw AdminRequestException.badRequest("all", "all=true cannot be combined with filters");
        }
        return query.filter(Set.of());
    }

    private DeadLetter existing(long id) {
        return store.get(id).orElseThrow(() -> new AdminRequestException(404, "id", "dead letter " + id + " does not exist"));
    }

    private static Map<String, Object> result(ReplayResult result) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", result.id());
        json.put("outcome", result.outcome().name());
        if (result.reason() != null) {
            json.put("reason", result.reason());
        }
        return json;
    }

    /** Runs an operation for an authenticated caller and turns refusals and failures into JSON answers. */
    /** Runs one admin operation: only behind adminAuth; refused input and a failing database become JSON answers. */
    static void answer(Exchange exchange, Runnable operation) {
        if (exchange.getProperty(AdminAuth.CALLER) == null) {
            // the route lacks its adminAuth step: fail closed rather than serve unauthenticated
            AdminResponses.error(exchange, 500, null, "admin route without the adminAuth step: refused");
            return;
        }
        try {
            operation.run();
        } catch (AdminRequestException e) {
            AdminResponses.error(exchange, e.status(), e.field(), e.getMessage());
        } catch (StateStoreException e) {
            LOG.error("admin API: the state database failed", e);
            AdminResponses.error(exchange, 503, null, "the state database failed: " + e.getMessage());
        }
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }
}
