package io.ghlsync.sandbox.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** How every handler of a source look-alike (Cliengo, Clientjoy) is wired: JSON object in, JSON out, {@link RestError} rendered as its answer. Each source keeps its own API key and counts; this is only the plumbing. */
public final class RestRoutes {

    /** One endpoint; returns the answer body, sets a non-200 status on the response itself. */
    public interface Handler {
        JsonNode handle(RoutingContext ctx, ObjectNode body);
    }

    private RestRoutes() {
    }

    /** Runs before every handler with the endpoint's name (e.g. {@code GET /leads/{id}}): counting, then auth. */
    public interface Guard {
        void check(String endpoint, RoutingContext ctx);
    }

    public static void on(Router router, String method, String path, Guard guard, Handler handler) {
        String endpoint = method + " " + path.replaceAll(":(\\w+)", "{$1}");
        router.route(HttpMethod.valueOf(method), path).handler(ctx -> {
            try {
                guard.check(endpoint, ctx);
                Buffer raw = ctx.body() == null ? null : ctx.body().buffer();
                ObjectNode body = RestJson.parseObject(raw == null ? null : raw.getBytes());
                JsonNode answer = handler.handle(ctx, body);
                reply(ctx, ctx.response().getStatusCode(), answer);
            } catch (RestError e) {
                reply(ctx, e.status, e.toJson());
            } catch (IllegalArgumentException e) {
                reply(ctx, 400, RestError.badRequest(e.getMessage(), null).toJson());
            }
        });
    }

    public static void reply(RoutingContext ctx, int status, JsonNode body) {
        if (ctx.response().ended()) {
            return;
        }
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
                .end(Buffer.buffer(RestJson.bytes(body)));
    }

    /**
     * The guard of an API behind a static key: counts the request under its endpoint, then refuses it (401) unless the
     * header holds the expected key, compared in constant time.
     */
    public static Guard apiKey(String header, Supplier<String> expected, EndpointCounts counts) {
        return (endpoint, ctx) -> {
            counts.count(endpoint);
            String given = ctx.request().getHeader(header);
            if (given == null || !MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                    expected.get().getBytes(StandardCharsets.UTF_8))) {
                counts.countUnauthorized();
                throw new RestError(401, given == null ? "missing " + header + " header" : "invalid API key", null);
            }
        };
    }

    /**
     * The API router of a look-alike: bodies up to {@code bodyLimit} bytes (larger ones a 413 in the contract's shape),
     * the endpoints {@code endpoints} registers, and a 404 for the rest.
     */
    public static Router apiRouter(Vertx vertx, int bodyLimit, Consumer<Router> endpoints) {
        Router router = Router.router(vertx);
        router.route().handler(BodyHandler.create(false).setBodyLimit(bodyLimit));
        endpoints.accept(router);
        router.route().handler(RestRoutes::notFound);
        router.errorHandler(413, ctx -> reply(ctx, 413, new RestError(413, "request body larger than " + bodyLimit + " bytes", null).toJson()));
        return router;
    }

    /** A 404 in the contract's error shape, for paths no handler claims. */
    public static void notFound(RoutingContext ctx) {
        reply(ctx, 404, RestError.notFound("Cannot " + ctx.request().method().name() + " " + ctx.request().path()).toJson());
    }
}
