package io.ghlsync.sandbox.ghl;

import io.ghlsync.sandbox.FaultTarget;
import io.vertx.ext.web.RoutingContext;

import java.util.Optional;

/**
 * How injected faults look on the GHL sandbox: a 429 carries the X-RateLimit-* headers of the token's location with
 * the burst spent ({@code X-RateLimit-Remaining: 0}) and its real daily figures; token expiry expires the OAuth access
 * token the request presents (a private integration token never expires, so it is left alone) and revocation
 * uninstalls: that token and, for OAuth, every token of its client are gone, refresh tokens included.
 */
final class GhlFaultTarget implements FaultTarget {

    private final GhlSandbox sandbox;

    GhlFaultTarget(GhlSandbox sandbox) {
        this.sandbox = sandbox;
    }

    @Override
    public void rateLimitHeaders(RoutingContext ctx) {
        String resource = grant(ctx).map(TokenGrant::resourceId).orElse(GhlSandbox.DEFAULT_LOCATION_ID);
        RateLimits limits = sandbox.rateLimits(resource);
        long dailyRemaining = Math.max(0, limits.dailyMax() - sandbox.dailyUsed(resource));
        ApiGate.rateHeaders(ctx.response().headers(), new RateLimitWindow.Decision(false, false, limits, 0, dailyRemaining));
    }

    @Override
    public boolean hasExpiringCredentials() {
        return true;
    }

    @Override
    public boolean expireCredential(RoutingContext ctx) {
        return grant(ctx).filter(g -> g.clientId() != null)
                .map(g -> sandbox.expireToken(g.token())).orElse(false);
    }

    @Override
    public boolean revokeCredential(RoutingContext ctx) {
        return grant(ctx).map(g -> sandbox.tokens().revokeInstallation(g.token())).orElse(false);
    }

    private Optional<TokenGrant> grant(RoutingContext ctx) {
        String authorization = ctx.request().getHeader("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        return sandbox.tokenGrant(authorization.substring(7).trim());
    }
}
