package io.ghlsync.sandbox.clientjoy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ghlsync.sandbox.rest.Paging;
import io.ghlsync.sandbox.rest.RestJson;
import io.ghlsync.sandbox.rest.RestRoutes;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.List;

/** The Clientjoy REST contract of docs/clientjoy-contract.md, over the sandbox's {@link ClientBook}. */
final class ClientjoyApi {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 100;

    private final ClientjoySandbox sandbox;

    ClientjoyApi(ClientjoySandbox sandbox) {
        this.sandbox = sandbox;
    }

    void register(Router router) {
        RestRoutes.Guard guard = RestRoutes.apiKey(ClientjoySandbox.API_KEY_HEADER, sandbox::apiKey, sandbox.requests());
        ClientBook book = sandbox.book();
        RestRoutes.on(router, "GET", "/clients", guard, (ctx, body) -> page(ctx));
        RestRoutes.on(router, "POST", "/clients", guard, (ctx, body) -> created(ctx, book.createClient(body)));
        RestRoutes.on(router, "GET", "/clients/external/:externalId", guard,
                (ctx, body) -> book.clientByExternalId(ctx.pathParam("externalId")));
        RestRoutes.on(router, "PUT", "/clients/external/:externalId", guard,
                (ctx, body) -> written(ctx, book.upsertClient(ctx.pathParam("externalId"), body)));
        RestRoutes.on(router, "GET", "/clients/:id", guard, (ctx, body) -> book.client(ctx.pathParam("id")));
        RestRoutes.on(router, "PATCH", "/clients/:id", guard, (ctx, body) -> book.updateClient(ctx.pathParam("id"), body));
        RestRoutes.on(router, "DELETE", "/clients/:id", guard, (ctx, body) -> {
            book.deleteClient(ctx.pathParam("id"));
            return deleted();
        });
        for (RecordKind kind : List.of(RecordKind.TASK, RecordKind.NOTE, RecordKind.ACTIVITY)) {
            String base = "/clients/:id/" + kind.plural();
            RestRoutes.on(router, "GET", base, guard,
                    (ctx, body) -> RestJson.list(kind.plural(), book.list(kind, ctx.pathParam("id"))));
            RestRoutes.on(router, "POST", base, guard, (ctx, body) -> created(ctx, book.create(kind, ctx.pathParam("id"), body)));
            RestRoutes.on(router, "PUT", base + "/external/:externalId", guard,
                    (ctx, body) -> written(ctx, book.upsert(kind, ctx.pathParam("id"), ctx.pathParam("externalId"), body)));
            RestRoutes.on(router, "GET", base + "/:itemId", guard,
                    (ctx, body) -> book.get(kind, ctx.pathParam("id"), ctx.pathParam("itemId")));
            RestRoutes.on(router, "PATCH", base + "/:itemId", guard,
                    (ctx, body) -> book.update(kind, ctx.pathParam("id"), ctx.pathParam("itemId"), body));
            RestRoutes.on(router, "DELETE", base + "/:itemId", guard, (ctx, body) -> {
                book.delete(kind, ctx.pathParam("id"), ctx.pathParam("itemId"));
                return deleted();
            });
        }
    }

    /** {@code {"clients": [...], "nextCursor": "..." | null}}, oldest change first. */
    private JsonNode page(RoutingContext ctx) {
        Long since = Paging.updatedSince(ctx.request().getParam("updatedSince"));
        int limit = Paging.limit(ctx.request().getParam("limit"), DEFAULT_LIMIT, MAX_LIMIT);
        ClientBook.Page page = sandbox.book().page(since, Paging.cursor(ctx.request().getParam("cursor")), limit);
        ObjectNode out = RestJson.list("clients", page.clients());
        if (page.nextCursor() == null) {
            out.putNull("nextCursor");
        } else {
            out.put("nextCursor", Paging.cursorText(page.nextCursor()));
        }
        return out;
    }

    private static JsonNode created(RoutingContext ctx, ObjectNode record) {
        ctx.response().setStatusCode(201);
        return record;
    }

    private static JsonNode written(RoutingContext ctx, ClientBook.Written written) {
        ctx.response().setStatusCode(written.created() ? 201 : 200);
        return written.record();
    }

    private static JsonNode deleted() {
        ObjectNode out = RestJson.object();
        out.put("deleted", true);
        return out;
    }
}
