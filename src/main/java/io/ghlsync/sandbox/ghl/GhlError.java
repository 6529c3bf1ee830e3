package io.ghlsync.sandbox.ghl;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * An error answer in GHL's shape ({@code {"statusCode":..,"message":..}}); thrown by handlers and rendered by the
 * gate. 422 answers carry {@code message} as an array, as the spec's UnprocessableDTO (and GHL's validation pipe) do.
 */
final class GhlError extends RuntimeException {

    private final int status;
    private final List<String> messages;
    private final String error;
    private final transient ObjectNode meta;

    GhlError(int status, List<String> messages, String error, ObjectNode meta) {
        super(String.join("; ", messages), null, false, false);
        this.status = status;
        this.messages = List.copyOf(messages);
        this.error = error;
        this.meta = meta;
    }

    static GhlError badRequest(String message) {
        return new GhlError(400, List.of(message), null, null);
    }

    static GhlError badRequest(String message, ObjectNode meta) {
        return new GhlError(400, List.of(message), null, meta);
    }

    static GhlError unprocessable(List<String> messages) {
        return new GhlError(422, messages, "Unprocessable Entity", null);
    }

    static GhlError unprocessable(String message) {
        return unprocessable(List.of(message));
    }

    static GhlError unauthorized(String message) {
        return new GhlError(401, List.of(message), "Unauthorized", null);
    }

    static GhlError forbidden(String message) {
        return new GhlError(403, List.of(message), "Forbidden", null);
    }

    /** A request that failed validation, with the status the operation declares for it (422 if declared, else 400). */
    static GhlError invalid(ApiOperation operation, List<String> messages) {
        return operation == null || operation.declares422() ? unprocessable(messages) : badRequest(String.join("; ", messages));
    }

    int status() {
        return status;
    }

    List<String> messages() {
        return messages;
    }

    String error() {
        return error;
    }

    ObjectNode meta() {
        return meta;
    }

    /** The body GHL would send: message as array for 422, as a string otherwise. */
    ObjectNode toJson() {
        ObjectNode body = Json.object();
        body.put("statusCode", status);
        if (status == 422) {
            messages.forEach(body.putArray("message")::add);
        } else {
            body.put("message", String.join("; ", messages));
        }
        if (error != null) {
            body.put("error", error);
        }
        if (meta != null) {
            body.set("meta", meta);
        }
        return body;
    }
}
