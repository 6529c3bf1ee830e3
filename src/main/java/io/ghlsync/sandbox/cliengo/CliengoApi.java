package io.ghlsync.sandbox.cliengo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;

/** The Cliengo REST contract of docs/cliengo-contract.md, over the sandbox's {@link LeadBook}. */
final class CliengoApi {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 100;
    private static final String CURSOR_PREFIX = "c1:";

    private final CliengoSandbox sandbox;

    CliengoApi(CliengoSandbox sandbox) {
        this.sandbox = sandbox;
    }

    void register(Router router) {
        CliengoHttp.Guard guard = this::authorize;
        LeadBook book = sandbox.book();
        CliengoHttp.on(router, "GET", "/leads", guard, (ctx, body) -> page(ctx));
        CliengoHttp.on(router, "POST", "/leads", guard, (ctx, body) -> {
            ctx.response().setStatusCode(201);
            return book.create(body);
        });
        CliengoHttp.on(router, "GET", "/leads/:id", guard, (ctx, body) -> book.get(ctx.pathParam("id")));
        CliengoHttp.on(router, "PATCH", "/leads/:id", guard, (ctx, body) -> book.update(ctx.pathParam("id"), body));
        CliengoHttp.on(router, "GET", "/leads/:id/tasks", guard, (ctx, body) -> list("tasks", book.tasks(ctx.pathParam("id"))));
        CliengoHttp.on(router, "POST", "/leads/:id/tasks", guard, (ctx, body) -> {
            ObjectNode task = book.addTask(ctx.pathParam("id"), body);
            ctx.response().setStatusCode(201);
            return task;
        });
        CliengoHttp.on(router, "PATCH", "/leads/:id/tasks/:taskId", guard,
                (ctx, body) -> book.updateTask(ctx.pathParam("id"), ctx.pathParam("taskId"), body));
        CliengoHttp.on(router, "GET", "/leads/:id/notes", guard, (ctx, body) -> list("notes", book.notes(ctx.pathParam("id"))));
        CliengoHttp.on(router, "POST", "/leads/:id/notes", guard, (ctx, body) -> {
            ObjectNode note = book.addNote(ctx.pathParam("id"), body);
            ctx.response().setStatusCode(201);
            return note;
        });
    }

    /** Counts the request, then refuses it unless {@code X-Api-Key} is the sandbox's key (compared in constant time). */
    private void authorize(String endpoint, RoutingContext ctx) {
        sandbox.stats().count(endpoint);
        String given = ctx.request().getHeader("X-Api-Key");
        if (given == null || !MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                sandbox.apiKey().getBytes(StandardCharsets.UTF_8))) {
            sandbox.stats().countUnauthorized();
            throw new CliengoError(401, given == null ? "missing X-Api-Key header" : "invalid API key", null);
        }
    }

    /** {@code {"leads": [...], "nextCursor": "..." | null}}, oldest change first. */
    private JsonNode page(RoutingContext ctx) {
        Long since = null;
        String updatedSince = ctx.request().getParam("updatedSince");
        if (updatedSince != null && !updatedSince.isBlank()) {
            try {
                since = OffsetDateTime.parse(updatedSince).toInstant().toEpochMilli();
            } catch (DateTimeParseException e) {
                throw CliengoError.badRequest("updatedSince must be an ISO-8601 date-time with an offset, e.g."
                        + " 2024-05-02T14:35:12.000Z", "updatedSince");
            }
        }
        int limit = limit(ctx.request().getParam("limit"));
        LeadBook.Page page = sandbox.book().page(since, cursor(ctx.request().getParam("cursor")), limit);
        ObjectNode out = CliengoJson.object();
        ArrayNode leads = out.putArray("leads");
        page.leads().forEach(leads::add);
        if (page.nextCursor() == null) {
            out.putNull("nextCursor");
        } else {
            out.put("nextCursor", Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((CURSOR_PREFIX + page.nextCursor()).getBytes(StandardCharsets.UTF_8)));
        }
        return out;
    }

    private static int limit(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value.strip());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw CliengoError.badRequest("limit must be a whole number from 1 to " + MAX_LIMIT, "limit");
    }

    /** The opaque cursor a previous page answered; anything else is a 400, never a silent restart from the top. */
    private static Long cursor(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(value.strip()), StandardCharsets.UTF_8);
            if (decoded.startsWith(CURSOR_PREFIX)) {
                return Long.parseLong(decoded.substring(CURSOR_PREFIX.length()));
            }
        } catch (IllegalArgumentException e) {
            // answered below (NumberFormatException is an IllegalArgumentException)
        }
        throw CliengoError.badRequest("cursor is not one this API answered", "cursor");
    }

    private static ObjectNode list(String field, List<ObjectNode> items) {
        ObjectNode out = CliengoJson.object();
        ArrayNode array = out.putArray(field);
        items.forEach(array::add);
        return out;
    }
}
