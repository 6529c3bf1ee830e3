package io.ghlsync.operations;

import io.ghlsync.ghl.GhlApiException;
import io.ghlsync.sources.clientjoy.BackfillCursor;
import io.ghlsync.sources.clientjoy.BackfillRunningException;
import io.ghlsync.sources.clientjoy.BackfillScope;
import io.ghlsync.sources.clientjoy.Backfills;
import io.ghlsync.sources.clientjoy.ClientjoyLinks;
import org.apache.camel.Exchange;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The admin API of GHL to Clientjoy (routes/admin-api.camel.yaml): start a backfill and follow its progress, and sync
 * one contact on demand. Every answer is JSON; refused input is a 4xx {@code {"error", "field"}}.
 */
public final class ClientjoyAdminApi {

    /** GHL ids are short letters and digits; anything else is refused before it reaches a URL. */
    private static final Pattern GHL_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Set<String> SCOPE_PARAMETERS = Set.of("businessId");

    private final Backfills backfills;
    private final String defaultLocationId;

    public ClientjoyAdminApi(Backfills backfills, String defaultLocationId) {
        this.backfills = backfills;
        this.defaultLocationId = defaultLocationId;
    }

    /**
     * {@code POST /admin/backfill[?businessId=]}: registers the backfill (resuming an unfinished one) and answers 202
     * with its progress; the route then hands it to the backfill route by wire tap. 409 while it runs already.
     */
    public void start(Exchange exchange) {
        DeadLetterAdminApi.answer(exchange, () -> {
            BackfillScope scope = scope(exchange);
            try {
                BackfillCursor cursor = backfills.start(scope);
                exchange.setProperty(Backfills.SCOPE_PROPERTY, scope.stream());
                Map<String, Object> body = new LinkedHashMap<>(backfills.progress(scope).orElseThrow());
                body.put("resumed", cursor.copied() > 0);
                AdminResponses.json(exchange, 202, body);
            } catch (BackfillRunningException e) {
                throw new AdminRequestException(409, null, e.getMessage());
            }
        });
    }

    /** {@code GET /admin/backfill[?businessId=]}: the progress (state, copied, total, percent, rate, ETA). */
    public void status(Exchange exchange) {
        DeadLetterAdminApi.answer(exchange, () -> {
            BackfillScope scope = scope(exchange);
            Map<String, Object> progress = backfills.progress(scope).orElseThrow(() ->
                    new AdminRequestException(404, null, "no backfill of " + scope + " has run"));
            AdminResponses.json(exchange, 200, progress);
        });
    }

    /** {@code POST /admin/sync-contact/{contactId}}, first step: the checked id into the {@code ghlId} variable. */
    public void syncContactRequest(Exchange exchange) {
        DeadLetterAdminApi.answer(exchange, () -> {
            AdminQuery.of(exchange, Set.of());
            String id = exchange.getMessage().getHeader("contactId", String.class);
            if (id == null || !GHL_ID.matcher(id).matches()) {
                throw AdminRequestException.badRequest("contactId", "a GHL contact id is 1 to 64 letters, digits, '-' or '_'");
            }
            exchange.setVariable("ghlContactId", id);
        });
    }

    /**
     * Last step: what the sync did. A failure of the contact itself (GHL does not know it, the mapping refused it,
     * Clientjoy refused it) is the answer's error; its tasks, notes and appointments that failed are dead letters.
     */
    public void syncContactAnswer(Exchange exchange) {
        DeadLetterAdminApi.answer(exchange, () -> {
            Exception failure = exchange.getException() != null ? exchange.getException()
                    : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
            exchange.setException(null);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("contactId", exchange.getVariable("ghlContactId", String.class));
            if (failure != null) {
                // GHL refusing get-contact means it does not know the contact (it answers 400 "Contact not found");
                // anything later failed a step of the copy, which the route kept as a dead letter
                boolean unknown = failure instanceof GhlApiException api && "get-contact".equals(api.getOperationId());
                int status = unknown ? 404 : 502;
                body.put("error", failure.getMessage());
                body.put("deadLetter", !unknown);
                AdminResponses.json(exchange, status, body);
                return;
            }
            body.put("clientId", exchange.getVariable(ClientjoyLinks.CLIENTJOY_ID, String.class));
            body.put("synced", true);
            AdminResponses.json(exchange, 200, body);
        });
    }

    private BackfillScope scope(Exchange exchange) {
        String businessId = AdminQuery.of(exchange, SCOPE_PARAMETERS).text("businessId");
        if (businessId != null && !GHL_ID.matcher(businessId).matches()) {
            throw AdminRequestException.badRequest("businessId", "a GHL business id is 1 to 64 letters, digits, '-' or '_'");
        }
        return new BackfillScope(defaultLocationId, businessId);
    }
}
