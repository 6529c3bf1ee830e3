package io.ghlsync.ghl;

/** Base of every failure the GHL component reports; messages never contain tokens or contact data beyond ids. */
public class GhlException extends RuntimeException {

    public GhlException(String message) {
        super(message);
    }

    public GhlException(String message, Throwable cause) {
        super(message, cause);
    }
}
