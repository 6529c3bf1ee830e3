package io.ghlsync.sandbox.cliengo;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** An error answer of the Cliengo contract: {@code {"error": reason, "field"?: name}} with an HTTP status. */
final class CliengoError extends RuntimeException {

    final int status;
    final String field;

    CliengoError(int status, String reason, String field) {
        super(reason, null, false, false);
        this.status = status;
        this.field = field;
    }

    static CliengoError badRequest(String reason, String field) {
        return new CliengoError(400, reason, field);
    }

    static CliengoError notFound(String reason) {
        return new CliengoError(404, reason, null);
    }

    ObjectNode toJson() {
        ObjectNode out = CliengoJson.object();
        out.put("error", getMessage());
        if (field != null) {
            out.put("field", field);
        }
        return out;
    }
}
