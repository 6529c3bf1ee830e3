package io.ghlsync.sandbox.ghl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ghlsync.sandbox.JsonReplies;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The operator and test controls of the GHL sandbox, under {@code /_sandbox/ghl} (outside the GHL API, so no GHL
 * client can reach them by accident). Each endpoint calls the same {@link GhlSandbox} method a Java test would.
 * Bad input answers 400 with the reason; an unknown location, token or client 404.
 */
final class ControlApi {

    private final GhlSandbox sandbox;

    ControlApi(GhlSandbox sandbox) {
        this.sandbox = sandbox;
    }

    Router router(Vertx vertx) {
        Router router = Router.router(vertx);
        router.route().handler(BodyHandler.create(false).setBodyLimit(GhlSandbox.BODY_LIMIT_BYTES));
        on(router, "GET", "/", (ctx, body) -> overview());
        on(router, "POST", "/reset", (ctx, body) -> {
            sandbox.reset();
            return ok("reset", true);
        });
        on(router, "POST", "/clock/advance", (ctx, body) -> {
            long millis = body.path("millis").asLong(0) + body.path("seconds").asLong(0) * 1000;
            if (millis <= 0) {
                throw new IllegalArgumentException("send a positive millis or seconds");
            }
            sandbox.clock().advance(Duration.ofMillis(millis));
            return ok("now", SandboxClock.iso(sandbox.clock().millis()));
        });

        on(router, "GET", "/locations", (ctx, body) -> {
            ArrayNode out = Json.array();
            sandbox.locations().forEach(l -> out.add(sandbox.describe(l)));
            return out;
        });
        on(router, "POST", "/locations", (ctx, body) -> {
            String id = required(body, "id");
            SandboxLocation location = sandbox.createLocation(id, Json.text(body, "companyId"), Json.text(body, "name"));
            if (body.has("allowDuplicates") || body.has("matchingPriority")) {
                location.duplicateRule(duplicateRule(body, location.duplicateRule()));
            }
            if (body.has("rateLimits")) {
                sandbox.rateLimits(id, rateLimits(body.get("rateLimits"), sandbox.rateLimits(id)));
            }
            ctx.response().setStatusCode(201);
            return sandbox.describe(location);
        });
        on(router, "GET", "/locations/:locationId", (ctx, body) -> sandbox.describe(location(ctx)));
        on(router, "PUT", "/locations/:locationId/duplicate-rule", (ctx, body) -> {
            SandboxLocation location = location(ctx);
            location.duplicateRule(duplicateRule(body, location.duplicateRule()));
            return sandbox.describe(location);
        });
        on(router, "PUT", "/locations/:locationId/rate-limits", (ctx, body) -> {
            String id = location(ctx).id();
            sandbox.rateLimits(id, rateLimits(body, sandbox.rateLimits(id)));
            return GhlSandbox.limitsJson(sandbox.rateLimits(id));
        });
        on(router, "POST", "/locations/:locationId/rate-limits/reset", (ctx, body) -> {
            sandbox.resetRateLimits(location(ctx).id());
            return ok("reset", true);
        });
        on(router, "GET", "/locations/:locationId/custom-fields", (ctx, body) -> {
            ObjectNode out = Json.object();
            location(ctx).customFields().idsByKey().forEach(out::put);
            return out;
        });
        on(router, "POST", "/locations/:locationId/seed", (ctx, body) -> {
            ContactSeeder.Plan plan = new ContactSeeder.Plan(body.path("contacts").asInt(0), body.path("tasksPerContact").asInt(0),
                    body.path("notesPerContact").asInt(0), body.path("appointmentsPerContact").asInt(0), body.path("businesses").asInt(0));
            ContactSeeder.Result result = sandbox.seed(location(ctx).id(), plan);
            ObjectNode out = Json.object();
            out.put("contacts", result.contacts());
            out.put("tasks", result.tasks());
            out.put("notes", result.notes());
            out.put("appointments", result.appointments());
            out.set("businessIds", Json.array(result.businessIds()));
            ctx.response().setStatusCode(201);
            return out;
        });
        on(router, "POST", "/locations/:locationId/appointments", (ctx, body) -> {
            ctx.response().setStatusCode(201);
            return sandbox.createAppointment(location(ctx).id(), required(body, "contactId"), body);
        });
        on(router, "PUT", "/locations/:locationId/appointments/:appointmentId", (ctx, body) ->
                sandbox.updateAppointment(location(ctx).id(), ctx.pathParam("appointmentId"), body));
        on(router, "DELETE", "/locations/:locationId/appointments/:appointmentId", (ctx, body) -> {
            if (!sandbox.deleteAppointment(location(ctx).id(), ctx.pathParam("appointmentId"))) {
                throw new NotFound("no appointment " + ctx.pathParam("appointmentId"));
            }
            return ok("deleted", true);
        });

        on(router, "PUT", "/rate-limits", (ctx, body) -> {
            RateLimits limits = rateLimits(body, sandbox.defaultRateLimits());
            sandbox.defaultRateLimits(limits, body.path("applyToExisting").asBoolean(true));
            return GhlSandbox.limitsJson(limits);
        });
        on(router, "POST", "/rate-limits/reset", (ctx, body) -> {
            sandbox.resetRateLimits(null);
            return ok("reset", true);
        });

        on(router, "POST", "/tokens", (ctx, body) -> {
            String locationId = required(body, "locationId");
            location(locationId);
            Set<String> scopes = body.has("scopes") ? strings(body.get("scopes"), "scopes") : GhlSandbox.CONTACT_SCOPES;
            Duration ttl = body.hasNonNull("ttlSeconds") ? Duration.ofSeconds(positive(body, "ttlSeconds")) : null;
            String token = sandbox.issuePrivateToken(Json.text(body, "token"), locationId, scopes, ttl);
            ObjectNode out = Json.object();
            out.put("token", token);
            out.put("locationId", locationId);
            out.set("scopes", Json.array(new ArrayList<>(scopes)));
            ctx.response().setStatusCode(201);
            return out;
        });
        on(router, "POST", "/tokens/:token/expire", (ctx, body) -> {
            if (!sandbox.expireToken(ctx.pathParam("token"))) {
                throw new NotFound("no such access token");
            }
            return ok("expired", true);
        });
        on(router, "DELETE", "/tokens/:token", (ctx, body) -> {
            if (!sandbox.revokeToken(ctx.pathParam("token"))) {
                throw new NotFound("no such token");
            }
            return ok("revoked", true);
        });

        on(router, "POST", "/oauth/clients", (ctx, body) -> {
            TokenGrant.UserType userType = "Company".equalsIgnoreCase(Json.text(body, "userType"))
                    ? TokenGrant.UserType.Company : TokenGrant.UserType.Location;
            if (userType == TokenGrant.UserType.Location) {
                location(required(body, "locationId"));
            }
            Set<String> scopes = body.has("scopes") ? strings(body.get("scopes"), "scopes")
                    : userType == TokenGrant.UserType.Company ? Set.of("contacts.readonly", "contacts.write", "oauth.readonly", "oauth.write")
                    : GhlSandbox.CONTACT_SCOPES;
            long ttl = body.hasNonNull("accessTokenTtlSeconds") ? positive(body, "accessTokenTtlSeconds") : OAuthClient.DEFAULT_ACCESS_TTL_SECONDS;
            GhlSandbox.OAuthInstallation installed = sandbox.installApp(new OAuthClient(Json.text(body, "clientId"),
                    Json.text(body, "clientSecret"), Json.text(body, "appId"), userType, Json.text(body, "locationId"),
                    userType == TokenGrant.UserType.Company ? required(body, "companyId") : null, scopes, ttl, Json.text(body, "userId")));
            OAuthClient client = installed.client();
            ObjectNode out = Json.object();
            out.put("clientId", client.clientId());
            out.put("clientSecret", client.clientSecret());
            out.put("appId", client.appId());
            out.put("userType", client.userType().name());
            Json.putIfPresent(out, "locationId", client.locationId());
            out.put("companyId", client.companyId());
            out.set("scopes", Json.array(new ArrayList<>(client.scopes())));
            out.put("accessTokenTtlSeconds", client.accessTokenTtlSeconds());
            out.put("refreshToken", installed.refreshToken());
            ctx.response().setStatusCode(201);
            return out;
        });
        on(router, "POST", "/oauth/clients/:clientId/codes", (ctx, body) -> {
            ctx.response().setStatusCode(201);
            return ok("code", sandbox.issueAuthorizationCode(client(ctx)));
        });
        on(router, "POST", "/oauth/clients/:clientId/refresh-tokens", (ctx, body) -> {
            ctx.response().setStatusCode(201);
            return ok("refreshToken", sandbox.issueRefreshToken(client(ctx)));
        });

        on(router, "GET", "/webhooks", (ctx, body) -> {
            ObjectNode out = keys();
            if (sandbox.webhookUrl() == null) {
                out.putNull("url");
            } else {
                out.put("url", sandbox.webhookUrl());
            }
            return out;
        });
        on(router, "PUT", "/webhooks", (ctx, body) -> {
            if (!body.has("url")) {
                throw new IllegalArgumentException("send {\"url\": \"http://...\"} (null stops posting)");
            }
            sandbox.webhookUrl(Json.text(body, "url"));
            return ok("url", sandbox.webhookUrl());
        });
        on(router, "GET", "/webhooks/keys", (ctx, body) -> keys());
        on(router, "GET", "/webhooks/deliveries", (ctx, body) -> {
            ArrayNode out = Json.array();
            sandbox.webhookDeliveries().forEach(d -> out.add(Json.MAPPER.valueToTree(d)));
            return out;
        });
        on(router, "DELETE", "/webhooks/deliveries", (ctx, body) -> {
            sandbox.clearWebhookDeliveries();
            return ok("cleared", true);
        });

        on(router, "GET", "/stats", (ctx, body) -> sandbox.stats());
        on(router, "DELETE", "/stats", (ctx, body) -> {
            sandbox.resetStats();
            return ok("reset", true);
        });

        router.route().handler(JsonReplies::notFound);
        return router;
    }

    /** One control endpoint: JSON in (empty = {}), JSON out; IllegalArgumentException → 400, NotFound → 404. */
    private interface Handler {
        JsonNode handle(RoutingContext ctx, JsonNode body);
    }

    private static final class NotFound extends RuntimeException {
        NotFound(String message) {
            super(message, null, false, false);
        }
    }

    private void on(Router router, String method, String path, Handler handler) {
        router.route(io.vertx.core.http.HttpMethod.valueOf(method), path).handler(ctx -> {
            try {
                Buffer raw = ctx.body() == null ? null : ctx.body().buffer();
                JsonNode body = Json.parse(raw == null ? null : raw.getBytes());
                if (!body.isObject()) {
                    throw new IllegalArgumentException("the control API takes a JSON object");
                }
                JsonNode answer = handler.handle(ctx, body);
                int status = ctx.response().getStatusCode() == 200 ? 200 : ctx.response().getStatusCode();
                ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
                        .end(Buffer.buffer(Json.bytes(answer)));
            } catch (GhlError e) {
                JsonReplies.error(ctx, 400, e.getMessage());
            } catch (NotFound e) {
                JsonReplies.error(ctx, 404, e.getMessage());
            } catch (IllegalArgumentException | DateTimeParseException e) {
                JsonReplies.error(ctx, 400, e.getMessage());
            }
        });
    }

    private ObjectNode overview() {
        ObjectNode out = Json.object();
        out.put("defaultLocationId", GhlSandbox.DEFAULT_LOCATION_ID);
        out.put("defaultToken", GhlSandbox.DEFAULT_TOKEN);
        out.put("now", SandboxClock.iso(sandbox.clock().millis()));
        out.set("defaultRateLimits", GhlSandbox.limitsJson(sandbox.defaultRateLimits()));
        if (sandbox.webhookUrl() == null) {
            out.putNull("webhookUrl");
        } else {
            out.put("webhookUrl", sandbox.webhookUrl());
        }
        ArrayNode locations = out.putArray("locations");
        sandbox.locations().forEach(l -> locations.add(sandbox.describe(l)));
        return out;
    }

    private ObjectNode keys() {
        ObjectNode out = Json.object();
        out.put("rsa", sandbox.signer().rsaPublicKeyPem());
        out.put("ed25519", sandbox.signer().ed25519PublicKeyPem());
        out.put("rsaHeader", WebhookSigner.RSA_HEADER);
        out.put("ed25519Header", WebhookSigner.ED25519_HEADER);
        return out;
    }

    private SandboxLocation location(RoutingContext ctx) {
        return location(ctx.pathParam("locationId"));
    }

    private SandboxLocation location(String id) {
        return sandbox.findLocation(id).orElseThrow(() -> new NotFound("no location " + id));
    }

    private String client(RoutingContext ctx) {
        String clientId = ctx.pathParam("clientId");
        if (sandbox.tokens().client(clientId).isEmpty()) {
            throw new NotFound("no OAuth client " + clientId);
        }
        return clientId;
    }

    private static DuplicateRule duplicateRule(JsonNode body, DuplicateRule current) {
        boolean allow = current.allowDuplicates();
        if (body.has("allowDuplicates")) {
            if (!body.get("allowDuplicates").isBoolean()) {
                throw new IllegalArgumentException("allowDuplicates must be true or false");
            }
            allow = body.get("allowDuplicates").asBoolean();
        }
        List<DuplicateRule.MatchField> priority = current.priority();
        if (body.has("matchingPriority")) {
            priority = new ArrayList<>();
            for (String field : strings(body.get("matchingPriority"), "matchingPriority")) {
                priority.add(DuplicateRule.MatchField.parse(field));
            }
        }
        return new DuplicateRule(allow, priority);
    }

    private static RateLimits rateLimits(JsonNode body, RateLimits current) {
        Function<String, Long> number = name -> {
            JsonNode value = body.get(name);
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.canConvertToLong()) {
                throw new IllegalArgumentException(name + " must be a whole number");
            }
            return value.asLong();
        };
        Long burst = number.apply("burstMax");
        Long interval = number.apply("intervalMillis");
        Long daily = number.apply("dailyMax");
        String reset = Json.text(body, "dailyResetUtc");
        return new RateLimits(burst == null ? current.burstMax() : Math.toIntExact(burst),
                interval == null ? current.intervalMillis() : interval,
                daily == null ? current.dailyMax() : daily,
                reset == null ? current.dailyResetUtc() : LocalTime.parse(reset));
    }

    private static Set<String> strings(JsonNode array, String name) {
        if (array == null || !array.isArray()) {
            throw new IllegalArgumentException(name + " must be an array of strings");
        }
        Set<String> out = new LinkedHashSet<>();
        array.forEach(v -> {
            if (!v.isTextual()) {
                throw new IllegalArgumentException(name + " must be an array of strings");
            }
            out.add(v.asText());
        });
        return out;
    }

    private static String required(JsonNode body, String name) {
        String value = Json.text(body, name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }

    private static long positive(JsonNode body, String name) {
        JsonNode value = body.get(name);
        if (!value.canConvertToLong() || value.asLong() < 1) {
            throw new IllegalArgumentException(name + " must be a positive whole number");
        }
        return value.asLong();
    }

    private static ObjectNode ok(String field, Object value) {
        ObjectNode out = Json.object();
        out.set(field, Json.MAPPER.valueToTree(value));
        return out;
    }
}
