package io.ghlsync.operations;

/** A request the admin API refuses: the HTTP status, the parameter at fault (if one is) and the reason. */
final class AdminRequestException extends RuntimeException {

    private final int status;
    private final String field;

    AdminRequestException(int status, String field, String reason) {
        super(reason, null, false, false);
        this.status = status;
        this.field = field;
    }

    static AdminRequestException badRequest(String field, String reason) {
        return new AdminRequestException(400, field, reason);
    }

    int status() {
        return status;
    }

    String field() {
        return field;
    }
}
