package io.ghlsync.intake;

/**
 * A webhook request refused before anything is stored: the HTTP status to answer, the reason and, where one field or
 * header is at fault, its name. Carries no stack trace: it is an answer, not a fault of the engine.
 */
public final class WebhookRejection extends RuntimeException {

    private final int status;
    private final String field;

    public WebhookRejection(int status, String reason, String field) {
        super(reason, null, false, false);
        this.status = status;
        this.field = field;
    }

    public int status() {
        return status;
    }

    /** The field or header at fault, or null when the request as a whole is. */
    public String field() {
        return field;
    }
}
