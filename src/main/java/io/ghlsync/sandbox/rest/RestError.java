package io.ghlsync.sandbox.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** An error answer of a sandbox REST contract (Cliengo, Clientjoy): {@code {"error": reason, "field"?: name}} with an HTTP status. */
public final class RestError extends RuntimeException {

    public final int status;
    public final String field;

    public RestError(int status, String reason, String field) {
        super(reason, null, false, false);
        this.status = status;
        this.field = field;
    }

    public static RestError badRequest(String reason, String field) {
        return new RestError(400, reason, field);
    }

    public static RestError notFound(String reason) {
        return new RestError(404, reason, null);
    }

    public ObjectNode toJson() {
        ObjectNode out = RestJson.object();
        out.put("error", getMessage());
        if (field != null) {
            out.put("field", field);
        }
        return out;
    }
}
