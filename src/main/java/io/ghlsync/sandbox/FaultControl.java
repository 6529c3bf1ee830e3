package io.ghlsync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

import java.io.IOException;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The fault controls of one sandbox, mounted by the {@link SandboxServer} at {@code /_sandbox/<name>/faults} for every
 * sandbox alike: {@code GET} the plan and counts, {@code PUT} a plan (JSON, see {@link FaultPlan}), {@code DELETE} it,
 * {@code POST /outage {seconds, status?}}, {@code DELETE /counts}. Bad input answers 400 with the reason.
 */
final class FaultControl {

    private static final ObjectMapper JSON = new ObjectMapper();

    private FaultControl() {
    }

    /** Adds the controls at {@code base} (e.g. {@code /_sandbox/ghl/faults}) to the server's root router. */
    static void mount(Router root, String base, FaultInjector faults) {
        root.route(base + "*").handler(BodyHandler.create(false).setBodyLimit(64 * 1024));
        on(root, faults, HttpMethod.GET, base, body -> { });
        on(root, faults, HttpMethod.PUT, base, body -> faults.apply(FaultPlan.fromJson(body)));
        on(root, faults, HttpMethod.DELETE, base, body -> faults.clear());
        on(root, faults, HttpMethod.POST, base + "/outage", body -> {
            long millis = body.path("millis").asLong(0) + body.path("seconds").asLong(0) * 1000;
            faults.outage(Duration.ofMillis(millis), body.path("status").asInt(503));
        });
        on(root, faults, HttpMethod.DELETE, base + "/counts", body -> faults.resetCounts());
    }

    /** One control: a JSON object in (empty = {}), the injector's state out; IllegalArgumentException -> 400. */
    private static void on(Router router, FaultInjector faults, HttpMethod method, String path, Consumer<JsonNode> action) {
        router.route(method, path).handler(ctx -> {
            try {
                String raw = ctx.body() == null ? null : ctx.body().asString();
                JsonNode body = raw == null || raw.isBlank() ? JSON.createObjectNode() : JSON.readTree(raw);
                if (!body.isObject()) {
                    throw new IllegalArgumentException("the fault controls take a JSON object");
                }
                action.accept(body);
            } catch (IOException e) {
                JsonReplies.error(ctx, 400, "malformed JSON: " + e.getMessage().lines().findFirst().orElse("unreadable"));
                return;
            } catch (IllegalArgumentException | ArithmeticException e) {
                JsonReplies.error(ctx, 400, e.getMessage());
                return;
            }
            ctx.response().putHeader("Content-Type", "application/json; charset=utf-8")
                    .end(faults.toJson().toString());
        });
    }
}
