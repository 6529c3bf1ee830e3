package io.ghlsync.sandbox.cliengo;

/** The outcome of posting one webhook event: the receiver's status (0 when unreachable), attempts, and why it failed. */
public record CliengoDelivery(String eventId, String type, String leadId, String url, int status, int attempts,
        String error, long deliveredAtMillis) {

    public boolean delivered() {
        return status >= 200 && status < 300;
    }
}
