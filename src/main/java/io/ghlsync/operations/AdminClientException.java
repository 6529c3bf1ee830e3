package io.ghlsync.operations;

import com.fasterxml.jackson.databind.JsonNode;

/** The admin API refused a call or could not be reached; the message is the one line the command prints. */
public final class AdminClientException extends RuntimeException {

    private final int status;
    private final transient JsonNode body;

    AdminClientException(String reason) {
        this(reason, 0, null);
    }

    AdminClientException(String reason, int status, JsonNode body) {
        super(reason, null, false, false);
        this.status = status;
        this.body = body;
    }

    /** The HTTP status, or 0 when there was no answer. */
    public int status() {
        return status;
    }

    /** The JSON answer, when there was one. */
    public JsonNode body() {
        return body;
    }
}
