package io.ghlsync.sandbox.ghl;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The OAuth operations of apps/oauth.json: the token endpoint (refresh_token and authorization_code grants, form
 * encoded, refresh tokens rotating on every use), company → location token exchange, and installed locations.
 */
final class OAuthServer {

    private static final Set<String> GRANT_TYPES = Set.of("authorization_code", "refresh_token", "client_credentials");

    private final GhlSandbox sandbox;

    OAuthServer(GhlSandbox sandbox) {
        this.sandbox = sandbox;
    }

    void register(Router router, ApiGate gate) {
        // The token endpoint takes no bearer token and no Version header (the spec declares neither), so it skips the gate
        router.post(ApiOperation.GET_ACCESS_TOKEN.routePath()).handler(this::token);
        gate.route(router, ApiOperation.GET_LOCATION_ACCESS_TOKEN, this::locationToken);
        gate.route(router, ApiOperation.GET_INSTALLED_LOCATIONS, this::installedLocations);
    }

    private void token(RoutingContext ctx) {
        ApiCall call = new ApiCall(ctx, ApiOperation.GET_ACCESS_TOKEN, sandbox, sandbox.clock().millis());
        try {
            MultiMap form = form(ctx);
            List<String> problems = new ArrayList<>();
            for (String name : List.of("client_id", "client_secret", "grant_type")) {
                if (blank(form.get(name))) {
                    problems.add(name + " should not be empty");
                }
            }
            String grantType = form.get("grant_type");
            if (!blank(grantType) && !GRANT_TYPES.contains(grantType)) {
                problems.add("grant_type must be one of the following values: authorization_code, refresh_token, client_credentials");
            }
            String userType = form.get("user_type");
            if (!blank(userType) && !userType.equals("Company") && !userType.equals("Location")) {
                problems.add("user_type must be one of the following values: Company, Location");
            }
            if (!problems.isEmpty()) {
                if (!isForm(ctx)) {
                    problems.add("the token endpoint takes application/x-www-form-urlencoded");
                }
                throw GhlError.unprocessable(problems);
            }
            long now = call.now();
            SandboxTokens.Issued issued = switch (grantType) {
                case "refresh_token" -> {
                    SandboxTokens.Issued fresh = sandbox.tokens().refresh(form.get("client_id"), form.get("client_secret"),
                            form.get("refresh_token"), now);
                    sandbox.ledger().refreshed();
                    yield fresh;
                }
                case "authorization_code" -> {
                    SandboxTokens.Issued fresh = sandbox.tokens().exchangeCode(form.get("client_id"), form.get("client_secret"),
                            form.get("code"), now);
                    sandbox.ledger().codeExchanged();
                    yield fresh;
                }
                default -> throw GhlError.badRequest("grant_type " + grantType + " is not supported by the sandbox");
            };
            sandbox.ledger().request(issued.access().resourceId(), ApiOperation.GET_ACCESS_TOKEN);
            call.reply(200, tokenAnswer(issued));
        } catch (GhlError e) {
            call.fail(e);
        }
    }

    /** GetAccessCodeSuccessfulResponseDto. */
    private ObjectNode tokenAnswer(SandboxTokens.Issued issued) {
        TokenGrant grant = issued.access();
        OAuthClient client = issued.client();
        ObjectNode out = Json.object();
        out.put("access_token", grant.token());
        out.put("token_type", "Bearer");
        out.put("expires_in", client.accessTokenTtlSeconds());
        out.put("refresh_token", issued.refreshToken());
        out.put("scope", grant.scopeString());
        out.put("userType", grant.userType().name());
        if (grant.userType() == TokenGrant.UserType.Location) {
            out.put("locationId", grant.locationId());
        }
        Json.putIfPresent(out, "companyId", grant.companyId());
        if (grant.userType() == TokenGrant.UserType.Company) {
            ArrayNode approved = out.putArray("approvedLocations");
            sandbox.locationsOf(grant.companyId()).forEach(l -> approved.add(l.id()));
            out.put("installToFutureLocations", true);
            out.put("approveAllLocations", true);
        }
        out.put("userId", client.userId());
        return out;
    }

    /** POST /oauth/locationToken: a company token buys a token for one of its locations. */
    private void locationToken(ApiCall call) {
        MultiMap form = form(call.context());
        List<String> problems = new ArrayList<>();
        for (String name : List.of("companyId", "locationId")) {
            if (blank(form.get(name))) {
                problems.add(name + " should not be empty");
            }
        }
        if (!problems.isEmpty()) {
            throw GhlError.unprocessable(problems);
        }
        TokenGrant company = call.grant();
        if (company.userType() != TokenGrant.UserType.Company) {
            throw GhlError.unauthorized("This route is only for agency (Company) tokens");
        }
        if (!form.get("companyId").equals(company.companyId())) {
            throw GhlError.badRequest("companyId does not match the token's company");
        }
        SandboxLocation location = sandbox.findLocation(form.get("locationId"))
                .filter(l -> company.companyId().equals(l.companyId()))
                .orElseThrow(() -> GhlError.badRequest("Location not found in this company"));
        OAuthClient client = company.clientId() == null ? null : sandbox.tokens().client(company.clientId()).orElse(null);
        if (client == null) {
            throw GhlError.unauthorized("Only OAuth app tokens can be exchanged for location tokens");
        }
        TokenGrant issued = sandbox.tokens().issueLocationToken(company, client, location.id(), call.now());
        sandbox.ledger().locationTokenIssued();
        location.installedApps().putIfAbsent(client.appId(), call.now());
        ObjectNode out = Json.object();
        out.put("access_token", issued.token());
        out.put("token_type", "Bearer");
        out.put("expires_in", client.accessTokenTtlSeconds());
        out.put("scope", issued.scopeString());
        out.put("locationId", location.id());
        out.put("userId", client.userId());
        out.put("appId", client.appId());
        call.reply(200, out);
    }

    /** GET /oauth/installedLocations: the company's locations where the app is installed. */
    private void installedLocations(ApiCall call) {
        String companyId = call.requiredQuery("companyId");
        String appId = call.requiredQuery("appId");
        if (!companyId.equals(call.grant().companyId())) {
            throw GhlError.badRequest("companyId does not match the token's company");
        }
        int skip = ContactRoutes.intParam(call, "skip", 0, 0, Integer.MAX_VALUE);
        int limit = ContactRoutes.intParam(call, "limit", 20, 1, 500);
        String query = ContactRoutes.blankToNull(call.query("query"));
        String onlyLocation = ContactRoutes.blankToNull(call.query("locationId"));
        String isInstalled = call.query("isInstalled");
        List<SandboxLocation> matching = sandbox.locationsOf(companyId).stream()
                .filter(l -> query == null || l.name().toLowerCase(Locale.ROOT).contains(query.toLowerCase(Locale.ROOT)))
                .filter(l -> onlyLocation == null || l.id().equals(onlyLocation))
                .filter(l -> !"true".equals(isInstalled) || l.installedApps().containsKey(appId))
                .toList();
        ArrayNode locations = Json.array();
        matching.stream().skip(skip).limit(limit).forEach(l -> {
            ObjectNode entry = locations.addObject();
            entry.put("_id", l.id());
            entry.put("name", l.name());
            entry.put("address", l.address());
            Long installedAt = l.installedApps().get(appId);
            entry.put("isInstalled", installedAt != null);
            if (installedAt != null) {
                entry.put("installedAt", SandboxClock.iso(installedAt));
            }
        });
        ObjectNode out = Json.object();
        out.set("locations", locations);
        out.put("count", matching.size());
        out.put("installToFutureLocations", sandbox.companyAppInstalled(companyId, appId));
        call.reply(200, out);
    }

    /** Form fields; Vert.x's body handler parses url-encoded bodies into form attributes. */
    private static MultiMap form(RoutingContext ctx) {
        return ctx.request().formAttributes();
    }

    private static boolean isForm(RoutingContext ctx) {
        String type = ctx.request().getHeader("Content-Type");
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
