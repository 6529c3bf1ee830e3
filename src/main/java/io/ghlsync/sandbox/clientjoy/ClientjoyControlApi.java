package io.ghlsync.sandbox.clientjoy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ghlsync.sandbox.rest.RestJson;
import io.ghlsync.sandbox.rest.RestRoutes;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * The operator and test controls of the Clientjoy sandbox, under {@code /_sandbox/clientjoy} (outside the contract):
 * what is stored (counts, a client by external id), the call ledger (requests per endpoint, writes that changed
 * something), and reset.
 */
final class ClientjoyControlApi {

    private final ClientjoySandbox sandbox;

    ClientjoyControlApi(ClientjoySandbox sandbox) {
        this.sandbox = sandbox;
    }

    Router router(Vertx vertx) {
        Router router = Router.router(vertx);
        router.route().handler(BodyHandler.create(false).setBodyLimit(ClientjoySandbox.BODY_LIMIT_BYTES));
        RestRoutes.Guard open = (endpoint, ctx) -> {
        };
        RestRoutes.on(router, "GET", "/", open, (ctx, body) -> sandbox.overview());
        RestRoutes.on(router, "POST", "/reset", open, (ctx, body) -> {
            sandbox.reset();
            return ok("reset");
        });
        RestRoutes.on(router, "GET", "/clients/external/:externalId", open,
                (ctx, body) -> sandbox.book().clientByExternalId(ctx.pathParam("externalId")));
        // {"kind": "rename", "clientId"?: "cl_...", "seed"?: 7}: an edit as a person in Clientjoy would make it
        RestRoutes.on(router, "POST", "/edits", open, (ctx, body) -> {
            ObjectNode edit = body == null ? RestJson.object() : body;
            return sandbox.edit(ClientjoyEdits.Kind.parse(edit.path("kind").asText("")),
                    edit.hasNonNull("clientId") ? edit.get("clientId").asText() : null,
                    edit.hasNonNull("seed") ? edit.get("seed").asLong() : System.nanoTime());
        });
        RestRoutes.on(router, "GET", "/stats", open, (ctx, body) -> sandbox.statsJson());
        RestRoutes.on(router, "DELETE", "/stats", open, (ctx, body) -> {
            sandbox.resetStats();
            return ok("reset");
        });
        router.route().handler(RestRoutes::notFound);
        return router;
    }

    private static ObjectNode ok(String field) {
        ObjectNode out = RestJson.object();
        out.put(field, true);
        return out;
    }
}
