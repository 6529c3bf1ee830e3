package io.ghlsync.sandbox.cliengo;

import io.ghlsync.sandbox.rest.RestError;
import io.ghlsync.sandbox.rest.RestJson;
import io.ghlsync.sandbox.rest.RestRoutes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * The operator and test controls of the Cliengo sandbox, under {@code /_sandbox/cliengo} (outside the contract, so no
 * client reaches them by accident). Each calls the {@link CliengoSandbox} method a Java test would; bad input is 400.
 */
final class CliengoControlApi {

    private final CliengoSandbox sandbox;

    CliengoControlApi(CliengoSandbox sandbox) {
        this.sandbox = sandbox;
    }

    Router router(Vertx vertx) {
        Router router = Router.router(vertx);
        router.route().handler(BodyHandler.create(false).setBodyLimit(CliengoSandbox.BODY_LIMIT_BYTES));
        RestRoutes.Guard open = (endpoint, ctx) -> {
        };
        RestRoutes.on(router, "GET", "/", open, (ctx, body) -> overview());
        RestRoutes.on(router, "POST", "/reset", open, (ctx, body) -> {
            sandbox.reset();
            return ok("reset", true);
        });
        RestRoutes.on(router, "PUT", "/webhooks", open, (ctx, body) -> {
            if (!body.has("url") || !(body.get("url").isTextual() || body.get("url").isNull())) {
                throw RestError.badRequest("send {\"url\": \"http://...\"} (null stops posting)", "url");
            }
            sandbox.webhookUrl(RestJson.text(body, "url"));
            if (body.has("secret")) {
                sandbox.webhookSecret(RestJson.text(body, "secret"));
            }
            return overview();
        });
        RestRoutes.on(router, "GET", "/webhooks/deliveries", open, (ctx, body) -> {
            ArrayNode out = RestJson.object().arrayNode();
            sandbox.webhookDeliveries().forEach(d -> out.add(RestJson.MAPPER.valueToTree(d)));
            return out;
        });
        RestRoutes.on(router, "DELETE", "/webhooks/deliveries", open, (ctx, body) -> {
            sandbox.clearWebhookDeliveries();
            return ok("cleared", true);
        });
        RestRoutes.on(router, "POST", "/leads/generate", open, (ctx, body) -> {
            LeadGenerator.Plan standard = LeadGenerator.Plan.standard(1, 1);
            LeadGenerator.Plan plan = new LeadGenerator.Plan(integer(body, "count", -1), integer(body, "seed", 1),
                    fraction(body, "duplicateEmailRate", standard.duplicateEmailRate()),
                    fraction(body, "duplicatePhoneRate", standard.duplicatePhoneRate()),
                    integer(body, "maxTags", standard.maxTags()), integer(body, "maxNotes", standard.maxNotes()),
                    integer(body, "maxTasks", standard.maxTasks()));
            ctx.response().setStatusCode(201);
            return RestJson.MAPPER.valueToTree(sandbox.generate(plan));
        });
        RestRoutes.on(router, "GET", "/stats", open, (ctx, body) -> sandbox.statsJson());
        RestRoutes.on(router, "DELETE", "/stats", open, (ctx, body) -> {
            sandbox.stats().reset();
            return ok("reset", true);
        });
        router.route().handler(RestRoutes::notFound);
        return router;
    }

    private ObjectNode overview() {
        ObjectNode out = RestJson.object();
        out.put("apiKeyHeader", "X-Api-Key");
        out.put("leads", sandbox.leadCount());
        if (sandbox.webhookUrl() == null) {
            out.putNull("webhookUrl");
        } else {
            out.put("webhookUrl", sandbox.webhookUrl());
        }
        out.put("pendingWebhooks", sandbox.pendingWebhooks());
        return out;
    }

    /** A whole number field; absent is the fallback, and a required one (fallback -1) must be there. */
    private static int integer(JsonNode body, String field, int fallback) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            if (fallback < 0) {
                throw RestError.badRequest(field + " is required", field);
            }
            return fallback;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber()) {
            throw RestError.badRequest(field + " must be a whole number", field);
        }
        return value.asInt();
    }

    private static double fraction(JsonNode body, String field, double fallback) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isNumber() || value.asDouble() < 0 || value.asDouble() > 1) {
            throw RestError.badRequest(field + " must be a number from 0 to 1", field);
        }
        return value.asDouble();
    }

    private static ObjectNode ok(String field, boolean value) {
        ObjectNode out = RestJson.object();
        out.put(field, value);
        return out;
    }
}
