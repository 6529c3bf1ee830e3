package io.ghlsync.sandbox;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/** The JSON error answers every sandbox router gives for requests no handler claimed (unknown route, oversized body). */
public final class JsonReplies {

    private JsonReplies() {
    }

    /** A NestJS-style body like the ones GHL sends, so clients parse sandbox errors the way they parse GHL's. */
    public static void error(RoutingContext ctx, int status, String message) {
        HttpServerResponse response = ctx.response();
        if (response.ended()) {
            return;
        }
        String body = "{\"statusCode\":" + status + ",\"message\":" + quote(message) + ",\"error\":" + quote(reason(status)) + "}";
        response.setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8").end(body);
    }

    /** Unknown route: answers like GHL's gateway ("Cannot GET /path"). */
    public static void notFound(RoutingContext ctx) {
        error(ctx, 404, "Cannot " + ctx.request().method().name() + " " + ctx.request().path());
    }

    public static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 413 -> "Payload Too Large";
            case 415 -> "Unsupported Media Type";
            case 422 -> "Unprocessable Entity";
            case 429 -> "Too Many Requests";
            default -> status >= 500 ? "Internal Server Error" : "Error";
        };
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : (text == null ? "" : text).toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
