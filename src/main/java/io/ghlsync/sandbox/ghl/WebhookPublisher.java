package io.ghlsync.sandbox.ghl;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Posts signed webhook events to the configured URL, off the request path: signing runs on a worker thread (RSA is
 * slow enough to stall an event loop) and the POST is non-blocking. Like GHL, it retries only when the receiver
 * answers 429. Without a URL (the default) nothing is posted.
 */
public final class WebhookPublisher {

    /** How many delivery outcomes are kept for inspection. */
    static final int KEPT_DELIVERIES = 10_000;
    private static final int MAX_ATTEMPTS = 4;

    private final WebhookSigner signer;
    private final SandboxClock clock;
    private final ConcurrentLinkedDeque<WebhookDelivery> deliveries = new ConcurrentLinkedDeque<>();
    private final AtomicInteger kept = new AtomicInteger();
    private volatile String url;
    private volatile Vertx vertx;
    private volatile HttpClient client;

    WebhookPublisher(WebhookSigner signer, SandboxClock clock) {
        this.signer = signer;
        this.clock = clock;
    }

    void start(Vertx runtime) {
        this.vertx = runtime;
        this.client = runtime.createHttpClient(new HttpClientOptions().setConnectTimeout(5_000).setIdleTimeout(30)
                .setMaxPoolSize(16).setKeepAlive(true));
    }

    void stop() {
        HttpClient current = client;
        client = null;
        vertx = null;
        if (current != null) {
            current.close();
        }
    }

    /** Where events go; null stops posting. */
    void url(String target) {
        this.url = target == null || target.isBlank() ? null : target;
    }

    String url() {
        return url;
    }

    void contactCreated(Contact contact) {
        publish(contact.event("ContactCreate"));
    }

    /** The events GHL sends for a changed contact: ContactUpdate for fields, ContactTagUpdate for tags, ContactDndUpdate for DND. */
    void contactChanged(Contact before, Contact after) {
        if (before == null || after == null) {
            return;
        }
        if (!before.sameFieldsAs(after)) {
            publish(after.event("ContactUpdate"));
        }
        if (!before.tags().sameAs(after.tags())) {
            publish(after.event("ContactTagUpdate"));
        }
        if (!before.sameDndAs(after)) {
            publish(after.event("ContactDndUpdate"));
        }
    }

    void contactDeleted(Contact contact) {
        publish(contact.event("ContactDelete"));
    }

    /** Adds {@code timestamp} and a unique {@code webhookId}, signs the exact bytes and posts them, in the background. */
    void publish(ObjectNode event) {
        String target = url;
        Vertx runtime = vertx;
        if (target == null || runtime == null) {
            return;
        }
        event.put("timestamp", SandboxClock.iso(clock.millis()));
        event.put("webhookId", UUID.randomUUID().toString());
        byte[] body = Json.bytes(event);
        String type = Json.text(event, "type");
        String locationId = Json.text(event, "locationId");
        String webhookId = Json.text(event, "webhookId");
        runtime.<WebhookSigner.Signatures>executeBlocking(() -> signer.sign(body), false)
                .onSuccess(signatures -> post(target, body, signatures, type, locationId, webhookId, 1))
                .onFailure(e -> record(new WebhookDelivery(webhookId, type, locationId, target, 0, 0,
                        "signing failed: " + e.getMessage(), clock.millis())));
    }

    private void post(String target, byte[] body, WebhookSigner.Signatures signatures, String type, String locationId,
            String webhookId, int attempt) {
        HttpClient http = client;
        Vertx runtime = vertx;
        if (http == null || runtime == null) {
            return;
        }
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(target).setTimeout(10_000)
                .putHeader("Content-Type", "application/json")
                .putHeader(WebhookSigner.RSA_HEADER, signatures.rsa())
                .putHeader(WebhookSigner.ED25519_HEADER, signatures.ed25519())
                .putHeader("User-Agent", "ghl-sync-sandbox");
        Future<Integer> sent;
        try {
            sent = http.request(options).compose(request -> request.send(Buffer.buffer(body)))
                    .compose(response -> response.body().map(ignored -> response.statusCode()));
        } catch (RuntimeException e) {
            sent = Future.failedFuture(e);
        }
        sent.onComplete(result -> {
            int status = result.succeeded() ? result.result() : 0;
            if (status == 429 && attempt < MAX_ATTEMPTS) {
                runtime.setTimer(250L << attempt, id -> post(target, body, signatures, type, locationId, webhookId, attempt + 1));
                return;
            }
            String error = result.failed() ? String.valueOf(result.cause().getMessage())
                    : status / 100 == 2 ? null : "receiver answered HTTP " + status;
            record(new WebhookDelivery(webhookId, type, locationId, target, status, attempt, error, clock.millis()));
        });
    }

    private void record(WebhookDelivery delivery) {
        deliveries.addLast(delivery);
        if (kept.incrementAndGet() > KEPT_DELIVERIES && deliveries.pollFirst() != null) {
            kept.decrementAndGet();
        }
    }

    /** The kept outcomes, oldest first. */
    public List<WebhookDelivery> deliveries() {
        return new ArrayList<>(deliveries);
    }

    void clear() {
        deliveries.clear();
        kept.set(0);
    }
}
