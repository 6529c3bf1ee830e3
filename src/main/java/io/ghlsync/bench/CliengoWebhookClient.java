package io.ghlsync.bench;

import io.ghlsync.sandbox.cliengo.CliengoEvents;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/** Cliengo as the engine sees it: signed events posted to {@code POST /webhooks/cliengo}, each answered 202. */
final class CliengoWebhookClient {

    private static final AtomicLong EVENTS = new AtomicLong();

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI uri;

    CliengoWebhookClient(int enginePort) {
        this.uri = URI.create("http://127.0.0.1:" + enginePort + "/webhooks/cliengo");
    }

    /** Posts and waits for the answer; anything but 202 is an error of the run. */
    void post(String event) {
        try {
            int status = client.send(request(event), HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status != 202) {
                throw new IllegalStateException("the engine answered " + status + " to a webhook");
            }
        } catch (IOException e) {
            throw new IllegalStateException("webhook failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Posts without waiting; the future completes with the HTTP status. */
    CompletableFuture<Integer> postAsync(String event) {
        return client.sendAsync(request(event), HttpResponse.BodyHandlers.discarding()).thenApply(HttpResponse::statusCode);
    }

    private HttpRequest request(String event) {
        return signedPost(uri, Bench.CLIENGO_SECRET, event.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(30));
    }

    /** A POST of exactly these bytes to a Cliengo webhook receiver, signed as Cliengo signs them (X-Cliengo-Signature). */
    static HttpRequest signedPost(URI receiver, String secret, byte[] body, Duration timeout) {
        return HttpRequest.newBuilder(receiver).timeout(timeout).header("Content-Type", "application/json")
                .header(CliengoEvents.SIGNATURE_HEADER, CliengoEvents.signature(secret, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    // ---- the events of docs/cliengo-contract.md ----

    static String leadCreated(String leadId, String name, List<String> tags) {
        return event("lead.created", leadId, "\"lead\":" + lead(leadId, name, tags));
    }

    static String leadUpdated(String leadId, String name, List<String> tags) {
        return event("lead.updated", leadId, "\"lead\":" + lead(leadId, name, tags));
    }

    static String tagsAdded(String leadId, List<String> tags) {
        return event("tags.added", leadId, "\"tags\":" + strings(tags));
    }

    static String noteAdded(String leadId, String content) {
        return event("note.added", leadId, "\"note\":{\"id\":\"nt_" + leadId + "\",\"content\":\"" + content + "\"}");
    }

    static String email(String leadId) {
        return leadId.replace('_', '.') + "@bench.example.com";
    }

    private static String lead(String leadId, String name, List<String> tags) {
        return "{\"id\":\"" + leadId + "\",\"name\":\"" + name + "\",\"email\":\"" + email(leadId)
                + "\",\"status\":\"new\",\"tags\":" + strings(tags) + "}";
    }

    private static String strings(List<String> values) {
        return values.stream().map(v -> "\"" + v + "\"").collect(Collectors.joining(",", "[", "]"));
    }

    private static String event(String type, String leadId, String payload) {
        return "{\"eventId\":\"ev_bench_" + EVENTS.incrementAndGet() + "_" + System.nanoTime() + "\",\"type\":\"" + type
                + "\",\"occurredAt\":\"" + Instant.now() + "\",\"leadId\":\"" + leadId + "\"," + payload + "}";
    }
}
