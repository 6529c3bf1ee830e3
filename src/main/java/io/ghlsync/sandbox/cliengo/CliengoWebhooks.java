package io.ghlsync.sandbox.cliengo;

import io.ghlsync.sandbox.rest.RestJson;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ghlsync.sandbox.ghl.SandboxClock;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Posts signed events to the configured URL without blocking the caller. Events of one lead are posted one after the
 * other, in the order they happened (a task.created never overtakes its lead.created); different leads go in
 * parallel. A 429, a 5xx or an unreachable receiver is retried a few times with backoff, as webhook senders do.
 */
final class CliengoWebhooks {

    static final int KEPT_DELIVERIES = 20_000;
    private static final int MAX_ATTEMPTS = 4;

    private final SandboxClock clock;
    private final ConcurrentLinkedDeque<CliengoDelivery> deliveries = new ConcurrentLinkedDeque<>();
    private final AtomicInteger kept = new AtomicInteger();
    /** The last queued post of each lead; the next one starts when it ends. */
    private final Map<String, Future<Void>> tails = new ConcurrentHashMap<>();
    private volatile String url;
    private volatile String secret;
    private volatile Vertx vertx;
    private volatile HttpClient client;

    CliengoWebhooks(SandboxClock clock, String secret) {
        this.clock = clock;
        this.secret = secret;
    }

    void start(Vertx runtime) {
        vertx = runtime;
        client = runtime.createHttpClient(new HttpClientOptions().setConnectTimeout(5_000).setIdleTimeout(30)
                .setMaxPoolSize(16).setKeepAlive(true));
    }

    void stop() {
        HttpClient current = client;
        client = null;
        vertx = null;
        tails.clear();
        if (current != null) {
            current.close();
        }
    }

    void url(String target) {
        url = target == null || target.isBlank() ? null : target;
    }

    String url() {
        return url;
    }

    void secret(String value) {
        secret = value;
    }

    /** Signs the exact bytes and queues them behind the lead's earlier events; without a URL nothing is posted. */
    void publish(ObjectNode event) {
        String target = url;
        if (target == null || vertx == null) {
            return;
        }
        byte[] body = RestJson.bytes(event);
        String signature = CliengoEvents.signature(secret, body);
        String eventId = event.get("eventId").asText();
        String type = event.get("type").asText();
        String leadId = event.get("leadId").asText();
        Promise<Void> done = Promise.promise();
        Future<Void> next = done.future();
        // callers publish under the lead book's lock, so this swap orders one lead's events as they happened
        Future<Void> previous = tails.put(leadId, next);
        (previous == null ? Future.<Void>succeededFuture() : previous)
                .onComplete(ignored -> post(target, body, signature, eventId, type, leadId, 1, done));
        next.onComplete(ignored -> tails.remove(leadId, next));
    }

    private void post(String target, byte[] body, String signature, String eventId, String type, String leadId,
            int attempt, Promise<Void> done) {
        HttpClient http = client;
        Vertx runtime = vertx;
        if (http == null || runtime == null) {
            done.tryComplete();
            return;
        }
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(target).setTimeout(10_000)
                .putHeader("Content-Type", "application/json")
                .putHeader(CliengoEvents.SIGNATURE_HEADER, signature)
                .putHeader(CliengoEvents.TIMESTAMP_HEADER, String.valueOf(clock.millis() / 1000))
                .putHeader(CliengoEvents.EVENT_HEADER, type)
                .putHeader("User-Agent", "ghl-sync-cliengo-sandbox");
        Future<Integer> sent;
        try {
            sent = http.request(options).compose(request -> request.send(Buffer.buffer(body)))
                    .compose(response -> response.body().map(ignored -> response.statusCode()));
        } catch (RuntimeException e) {
            sent = Future.failedFuture(e);
        }
        sent.onComplete(result -> {
            int status = result.succeeded() ? result.result() : 0;
            boolean retry = status == 0 || status == 429 || status >= 500;
            if (retry && attempt < MAX_ATTEMPTS) {
                runtime.setTimer(100L << attempt, id -> post(target, body, signature, eventId, type, leadId, attempt + 1, done));
                return;
            }
            String error = result.failed() ? String.valueOf(result.cause().getMessage())
                    : status / 100 == 2 ? null : "receiver answered HTTP " + status;
            record(new CliengoDelivery(eventId, type, leadId, target, status, attempt, error, clock.millis()));
            done.tryComplete();
        });
    }

    private void record(CliengoDelivery delivery) {
        deliveries.addLast(delivery);
        if (kept.incrementAndGet() > KEPT_DELIVERIES && deliveries.pollFirst() != null) {
            kept.decrementAndGet();
        }
    }

    /** Events queued or in flight (not yet delivered or given up). */
    int pending() {
        return tails.size();
    }

    List<CliengoDelivery> deliveries() {
        return new ArrayList<>(deliveries);
    }

    void clear() {
        deliveries.clear();
        kept.set(0);
    }
}
