package io.ghlsync.sandbox.ghl;

/**
 * The outcome of delivering one webhook: the HTTP status the receiver answered (0 when it could not be reached),
 * how many attempts it took, and why it failed if it did.
 */
public record WebhookDelivery(String webhookId, String type, String locationId, String url, int status, int attempts,
        String error, long deliveredAtMillis) {

    public boolean delivered() {
        return status >= 200 && status < 300;
    }
}
