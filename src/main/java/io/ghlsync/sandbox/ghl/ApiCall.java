package io.ghlsync.sandbox.ghl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

import java.util.List;

/** One authenticated, rate-limited API request, with the helpers every handler needs to read it and answer it. */
final class ApiCall {

    private final RoutingContext ctx;
    private final ApiOperation operation;
    private final GhlSandbox sandbox;
    private final long now;
    private TokenGrant grant;
    private SandboxLocation location;

    ApiCall(RoutingContext ctx, ApiOperation operation, GhlSandbox sandbox, long now) {
        this.ctx = ctx;
        this.operation = operation;
        this.sandbox = sandbox;
        this.now = now;
    }

    void authorize(TokenGrant tokenGrant, SandboxLocation tokenLocation) {
        this.grant = tokenGrant;
        this.location = tokenLocation;
    }

    ApiOperation operation() {
        return operation;
    }

    GhlSandbox sandbox() {
        return sandbox;
    }

    long now() {
        return now;
    }

    TokenGrant grant() {
        return grant;
    }

    /** The location the token is for. */
    SandboxLocation location() {
        return location;
    }

    RoutingContext context() {
        return ctx;
    }

    /** The parsed body, checked against the operation's DTO; violations answer 422 (or 400 where 422 is not declared). */
    JsonNode body(BodyRules rules) {
        Buffer buffer = ctx.body() == null ? null : ctx.body().buffer();
        JsonNode body = Json.parse(buffer == null ? null : buffer.getBytes());
        List<String> problems = rules.check(body);
        if (!problems.isEmpty()) {
            throw GhlError.invalid(operation, problems);
        }
        return body;
    }

    String path(String name) {
        return ctx.pathParam(name);
    }

    String query(String name) {
        return ctx.queryParams().get(name);
    }

    /** A required query parameter; missing answers as a validation error. */
    String requiredQuery(String name) {
        String value = query(name);
        if (value == null || value.isBlank()) {
            throw GhlError.invalid(operation, List.of(name + " should not be empty"));
        }
        return value;
    }

    /**
     * The locationId a request names must be the token's: GHL answers 403 when a token reaches for another location
     * (the spec declares no 403 anywhere; it is listed among the sandbox's spec exceptions).
     */
    void requireLocation(String locationId) {
        if (locationId == null || locationId.isBlank()) {
            throw GhlError.invalid(operation, List.of("locationId should not be empty"));
        }
        if (!locationId.equals(location.id())) {
            throw GhlError.forbidden("The token does not have access to this location.");
        }
    }

    /** The contact named in the path; GHL answers an unknown id with 400 (the spec declares no 404). */
    Contact contact() {
        return location.contacts().get(path("contactId")).orElseThrow(() -> GhlError.badRequest("Contact not found"));
    }

    WebhookPublisher webhooks() {
        return sandbox.publisher();
    }

    void reply(int status, JsonNode body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
                .end(Buffer.buffer(Json.bytes(body)));
    }

    void fail(GhlError error) {
        reply(error.status(), error.toJson());
    }

    static ObjectNode wrap(String field, JsonNode value) {
        ObjectNode out = Json.object();
        out.set(field, value);
        return out;
    }

    static ObjectNode succeeded() {
        // "succeded" is the spec's own spelling, and what GHL sends
        ObjectNode out = Json.object();
        out.put("succeded", true);
        return out;
    }
}
