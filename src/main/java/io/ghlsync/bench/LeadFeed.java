package io.ghlsync.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Cliengo as a webhook sender that does not give up: numbered leads of a run, each posted as three signed events (the
 * lead with the run's tag, then its note, then its task, one after the other), every event re-sent with the same
 * event id until the engine acknowledges it with a 2xx — through engine restarts, as a real sender retries. Used by
 * the crash scenario and the soak, which then check that every acknowledged event reached GHL once.
 */
public final class LeadFeed implements AutoCloseable {

    private static final long FIRST_RETRY_MILLIS = 100;
    private static final long LAST_RETRY_MILLIS = 2_000;

    private final String run;
    private final String secret;
    private final Duration giveUpAfter;
    private final ExecutorService senders;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong failedAttempts = new AtomicLong();
    private final AtomicLong givenUp = new AtomicLong();
    private final AtomicLong leadsDone = new AtomicLong();
    private volatile URI webhook;

    /** {@code senders} leads are posted at once; an event not acknowledged within {@code giveUpAfter} is given up. */
    public LeadFeed(String run, String secret, int enginePort, int senders, Duration giveUpAfter) {
        this.run = run;
        this.secret = secret;
        this.giveUpAfter = giveUpAfter;
        this.senders = Executors.newFixedThreadPool(senders, r -> {
            Thread t = new Thread(r, "lead-feed-" + run);
            t.setDaemon(true);
            return t;
        });
        enginePort(enginePort);
    }

    /** Where the events go from now on (a restarted engine may listen elsewhere). */
    public void enginePort(int port) {
        webhook = URI.create("http://127.0.0.1:" + port + "/webhooks/cliengo");
    }

    /** Queues leads {@code from} (inclusive) to {@code to} (exclusive) of this run; returns at once. */
    public void send(int from, int to) {
        for (int i = from; i < to; i++) {
            int lead = i;
            senders.execute(() -> {
                events(lead).forEach(this::deliver);
                leadsDone.incrementAndGet();
            });
        }
    }

    /** Events answered with a 2xx. */
    public long acknowledged() {
        return acknowledged.get();
    }

    /** Attempts that got no 2xx (refused connection, reset, timeout, 4xx, 5xx) and were retried or given up. */
    public long failedAttempts() {
        return failedAttempts.get();
    }

    /** Events never acknowledged within the give-up time (such an event's later events of the lead are still sent). */
    public long givenUp() {
        return givenUp.get();
    }

    /** Leads whose three events have been sent (acknowledged or given up). */
    public long leadsDone() {
        return leadsDone.get();
    }

    public String run() {
        return run;
    }

    public String leadId(int i) {
        return "ld_" + run + "_" + i;
    }

    public String email(int i) {
        return run + "." + i + "@feed.example.com";
    }

    public String noteBody(int i) {
        return "note of " + leadId(i);
    }

    public String taskTitle(int i) {
        return "task of " + leadId(i);
    }

    /** The tag every lead of the run carries (lower case, as GHL keeps tags). */
    public String tag() {
        return "feed-" + run;
    }

    /** Lead i's three events, each with its own event id, stamped now. */
    List<String> events(int i) {
        String id = leadId(i);
        String lead = "{\"id\":\"" + id + "\",\"name\":\"Lead " + run + " " + i + "\",\"email\":\"" + email(i)
                + "\",\"phone\":\"+54911" + (30_000_000 + i) + "\",\"status\":\"new\",\"tags\":[\"" + tag() + "\"]}";
        return List.of(event(i, "lead.created", "\"lead\":" + lead),
                event(i, "note.added", "\"note\":{\"id\":\"nt_" + run + "_" + i + "\",\"content\":\"" + noteBody(i) + "\"}"),
                event(i, "task.created", "\"task\":{\"id\":\"tk_" + run + "_" + i + "\",\"title\":\"" + taskTitle(i)
                        + "\",\"status\":\"pending\",\"dueAt\":\"2030-01-02T10:00:00Z\"}"));
    }

    private String event(int i, String type, String payload) {
        return "{\"eventId\":\"ev_" + run + "_" + i + "_" + type + "\",\"type\":\"" + type + "\",\"occurredAt\":\""
                + Instant.now() + "\",\"leadId\":\"" + leadId(i) + "\"," + payload + "}";
    }

    /** Posts until a 2xx, backing off from 100 ms to 2 s, the same bytes (same event id) each time. */
    private void deliver(String event) {
        byte[] body = event.getBytes(StandardCharsets.UTF_8);
        long deadline = System.nanoTime() + giveUpAfter.toNanos();
        long backoff = FIRST_RETRY_MILLIS;
        while (true) {
            // built for each attempt: a restarted engine may listen on another port (enginePort)
            HttpRequest request = CliengoWebhookClient.signedPost(webhook, secret, body, Duration.ofSeconds(15));
            try {
                int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status / 100 == 2) {
                    acknowledged.incrementAndGet();
                    return;
                }
            } catch (IOException e) {
                // the engine is down, restarting or was killed mid-answer: a sender retries
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            failedAttempts.incrementAndGet();
            if (System.nanoTime() > deadline) {
                givenUp.incrementAndGet();
                return;
            }
            Pause.millis(backoff);
            backoff = Math.min(LAST_RETRY_MILLIS, backoff * 2);
        }
    }

    /** Waits until every queued lead has been sent; false when {@code timeout} passed first. */
    public boolean awaitSent(Duration timeout) throws InterruptedException {
        senders.shutdown();
        return senders.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        senders.shutdownNow();
    }
}
