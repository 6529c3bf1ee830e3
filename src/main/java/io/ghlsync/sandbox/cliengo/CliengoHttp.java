package io.ghlsync.sandbox.cliengo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** How every Cliengo sandbox handler is wired: JSON object in, JSON out, {@link CliengoError} rendered as its answer. */
final class CliengoHttp {

    /** One endpoint; returns the answer body, sets a non-200 status on the response itself. */
    interface Handler {
        JsonNode handle(RoutingContext ctx, ObjectNode body);
    }

    private CliengoHttp() {
    }

    /** Runs before every handler with the endpoint's name (e.g. {@code GET /leads/{id}}): counting, then auth. */
    interface Guard {
        void check(String endpoint, RoutingContext ctx);
    }

    static void on(Router router, String method, String path, Guard guard, Handler handler) {
        String endpoint = method + " " + path.replaceAll(":(\\w+)", "{$1}");
        router.route(HttpMethod.valueOf(method), path).handler(ctx -> {
            try {
                guard.check(endpoint, ctx);
                Buffer raw = ctx.body() == null ? null : ctx.body().buffer();
                ObjectNode body = CliengoJson.parseObject(raw == null ? null : raw.getBytes());
                JsonNode answer = handler.handle(ctx, body);
                reply(ctx, ctx.response().getStatusCode(), answer);
            } catch (CliengoError e) {
                reply(ctx, e.status, e.toJson());
            } catch (IllegalArgumentException e) {
                reply(ctx, 400, CliengoError.badRequest(e.getMessage(), null).toJson());
            }
        });
    }

    static void reply(RoutingContext ctx, int status, JsonNode body) {
        if (ctx.response().ended()) {
            return;
        }
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
                .end(Buffer.buffer(CliengoJson.bytes(body)));
    }

    /** A 404 in the contract's error shape, for paths no handler claims. */
    static void notFound(RoutingContext ctx) {
        reply(ctx, 404, CliengoError.notFound("Cannot " + ctx.request().method().name() + " " + ctx.request().path()).toJson());
    }
}
