package io.ghlsync.sandbox.cliengo;

import io.ghlsync.sandbox.rest.Paging;
import io.ghlsync.sandbox.rest.RestJson;
import io.ghlsync.sandbox.rest.RestRoutes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;


/** The Cliengo REST contract of docs/cliengo-contract.md, over the sandbox's {@link LeadBook}. */
final class CliengoApi {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 100;

    private final CliengoSandbox sandbox;

    CliengoApi(CliengoSandbox sandbox) {
        this.sandbox = sandbox;
    }

    void register(Router router) {
        RestRoutes.Guard guard = RestRoutes.apiKey("X-Api-Key", sandbox::apiKey, sandbox.stats());
        LeadBook book = sandbox.book();
        RestRoutes.on(router, "GET", "/leads", guard, (ctx, body) -> page(ctx));
        RestRoutes.on(router, "POST", "/leads", guard, (ctx, body) -> {
            ctx.response().setStatusCode(201);
            return book.create(body);
        });
        RestRoutes.on(router, "GET", "/leads/:id", guard, (ctx, body) -> book.get(ctx.pathParam("id")));
        RestRoutes.on(router, "PATCH", "/leads/:id", guard, (ctx, body) -> book.update(ctx.pathParam("id"), body));
        RestRoutes.on(router, "GET", "/leads/:id/tasks", guard, (ctx, body) -> RestJson.list("tasks", book.tasks(ctx.pathParam("id"))));
        RestRoutes.on(router, "POST", "/leads/:id/tasks", guard, (ctx, body) -> {
            ObjectNode task = book.addTask(ctx.pathParam("id"), body);
            ctx.response().setStatusCode(201);
            return task;
        });
        RestRoutes.on(router, "PATCH", "/leads/:id/tasks/:taskId", guard,
                (ctx, body) -> book.updateTask(ctx.pathParam("id"), ctx.pathParam("taskId"), body));
        RestRoutes.on(router, "GET", "/leads/:id/notes", guard, (ctx, body) -> RestJson.list("notes", book.notes(ctx.pathParam("id"))));
        RestRoutes.on(router, "POST", "/leads/:id/notes", guard, (ctx, body) -> {
            ObjectNode note = book.addNote(ctx.pathParam("id"), body);
            ctx.response().setStatusCode(201);
            return note;
        });
    }

    /** {@code {"leads": [...], "nextCursor": "..." | null}}, oldest change first. */
    private JsonNode page(RoutingContext ctx) {
        Long since = Paging.updatedSince(ctx.request().getParam("updatedSince"));
        int limit = Paging.limit(ctx.request().getParam("limit"), DEFAULT_LIMIT, MAX_LIMIT);
        LeadBook.Page page = sandbox.book().page(since, Paging.cursor(ctx.request().getParam("cursor")), limit);
        ObjectNode out = RestJson.object();
        ArrayNode leads = out.putArray("leads");
        page.leads().forEach(leads::add);
        if (page.nextCursor() == null) {
            out.putNull("nextCursor");
        } else {
            out.put("nextCursor", Paging.cursorText(page.nextCursor()));
        }
        return out;
    }
}
