package io.ghlsync.sandbox.ghl;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.function.Consumer;

/**
 * What every GHL API request passes before its handler, in GHL's order: the bearer token (401), the location's rate
 * budget (429, and the X-RateLimit-* headers on every answer), the Version header (400), the operation's scope (401).
 * Runs on the event loop; nothing here blocks.
 */
final class ApiGate {

    static final String VERSION = "2021-07-28";

    private final GhlSandbox sandbox;

    ApiGate(GhlSandbox sandbox) {
        this.sandbox = sandbox;
    }

    void route(Router router, ApiOperation operation, Consumer<ApiCall> handler) {
        router.route(operation.method(), operation.routePath()).handler(ctx -> handle(ctx, operation, handler));
    }

    private void handle(RoutingContext ctx, ApiOperation operation, Consumer<ApiCall> handler) {
        ApiCall call = new ApiCall(ctx, operation, sandbox, sandbox.clock().millis());
        try {
            TokenGrant grant = sandbox.tokens().authenticate(ctx.request().getHeader("Authorization"), call.now());
            String resource = grant.resourceId();
            RateLimitWindow.Decision decision = sandbox.rateWindow(resource).tryAcquire(call.now());
            rateHeaders(ctx.response().headers(), decision);
            sandbox.ledger().request(resource, operation);
            if (!decision.allowed()) {
                sandbox.ledger().countRateLimited(resource);
                throw new GhlError(429, java.util.List.of(decision.dailyExhausted()
                        ? "Daily API request limit reached for this location" : "Too Many Requests"), "Too Many Requests", null);
            }
            String version = ctx.request().getHeader("Version");
            if (version == null || version.isBlank()) {
                throw GhlError.badRequest("Version header is missing (send Version: " + VERSION + ")");
            }
            if (!VERSION.equals(version.trim())) {
                throw GhlError.badRequest("Version header '" + version + "' is not supported (send Version: " + VERSION + ")");
            }
            if (operation.scope().value() != null && !grant.scopes().contains(operation.scope().value())) {
                throw GhlError.unauthorized("The token is not authorized for this scope.");
            }
            SandboxLocation location = null;
            if (operation.locationBound()) {
                if (grant.userType() != TokenGrant.UserType.Location) {
                    throw GhlError.forbidden("An agency token cannot access a location's contacts; get a location token from POST /oauth/locationToken");
                }
                location = sandbox.findLocation(grant.locationId())
                        .orElseThrow(() -> GhlError.forbidden("The token does not have access to this location."));
            }
            call.authorize(grant, location);
            handler.accept(call);
        } catch (GhlError e) {
            call.fail(e);
        } catch (RuntimeException e) {
            call.fail(new GhlError(500, java.util.List.of("Internal sandbox error: " + e), "Internal Server Error", null));
        }
    }

    static void rateHeaders(MultiMap headers, RateLimitWindow.Decision decision) {
        RateLimits limits = decision.limits();
        headers.set("X-RateLimit-Limit-Daily", Long.toString(limits.dailyMax()));
        headers.set("X-RateLimit-Daily-Remaining", Long.toString(decision.dailyRemaining()));
        headers.set("X-RateLimit-Interval-Milliseconds", Long.toString(limits.intervalMillis()));
        headers.set("X-RateLimit-Max", Integer.toString(limits.burstMax()));
        headers.set("X-RateLimit-Remaining", Integer.toString(decision.burstRemaining()));
    }
}
