package io.ghlsync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ghlsync.sandbox.cliengo.LeadGenerator;
import io.ghlsync.sandbox.clientjoy.ClientjoyEdits;
import io.ghlsync.sandbox.ghl.GhlSandbox;
import io.ghlsync.sandbox.rest.RestError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sandbox demo's gentle stream of activity, so that a new user sees exchanges, throttling and dead letters within
 * a minute: each tick a new Cliengo lead (which the Cliengo sandbox posts, signed, to the engine's webhook); every
 * fifth a lead with a malformed email and no phone, which the mapping refuses into the dead letters; every third an
 * edit of a GHL contact through the GHL sandbox's API (a tag added), as a person working in GHL would; every fourth an
 * edit in Clientjoy (a renamed client, a tag, a task added or completed, a note, now and then a new client), which the
 * engine's Clientjoy poll brings to GHL.
 */
public final class SandboxDemo implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SandboxDemo.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SandboxServer sandbox;
    private final Duration interval;
    private final AtomicLong tick = new AtomicLong();
    private final long seed = System.currentTimeMillis(); // a new stream of people on each start, not yesterday's again
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private ScheduledExecutorService scheduler;

    public SandboxDemo(SandboxServer sandbox, Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the demo interval must be positive, not " + interval);
        }
        this.sandbox = sandbox;
        this.interval = interval;
    }

    public synchronized void start() {
        if (scheduler != null) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sandbox-demo");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(this::safeTick, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("sandbox demo: a new Cliengo lead every {} ms, a bad one every 5th, a GHL edit every 3rd, a Clientjoy edit"
                + " every 4th", interval.toMillis());
    }

    private void safeTick() {
        try {
            tick();
        } catch (Exception e) {
            // the demo must never take the engine down; the next tick tries again
            LOG.warn("sandbox demo: tick failed: {}", e.toString());
        }
    }

    private void tick() throws Exception {
        long n = tick.incrementAndGet();
        if (n % 5 == 0) {
            ObjectNode bad = JSON.createObjectNode().put("name", "Demo bad record " + n).put("email", "not-an-email-" + n);
            sandbox.cliengo().createLead(bad);
        } else {
            sandbox.cliengo().generate(new LeadGenerator.Plan(1, seed + n, 0, 0, 2, 1, 1));
        }
        if (n % 3 == 0) {
            editOneGhlContact(n);
        }
        if (n % 4 == 0) {
            editInClientjoy(n);
        }
    }

    /** One edit a person in Clientjoy would make; none while Clientjoy has no client yet (the first GHL copies make some). */
    private void editInClientjoy(long n) {
        ClientjoyEdits.Kind[] kinds = ClientjoyEdits.Kind.values();
        ClientjoyEdits.Kind kind = kinds[(int) ((n / 4) % kinds.length)];
        if (sandbox.clientjoy().clientCount() == 0 && kind != ClientjoyEdits.Kind.NEW_CLIENT) {
            return;
        }
        try {
            sandbox.clientjoy().edit(kind, null, seed + n);
        } catch (RestError e) {
            // e.g. no open task to complete on the client picked: this tick makes no Clientjoy edit
            LOG.debug("sandbox demo: no Clientjoy {} edit this time: {}", kind, e.getMessage());
        }
    }

    /** Adds a tag to the most recent GHL contact over the sandbox's real API (as GHL's own UI would). */
    private void editOneGhlContact(long n) throws Exception {
        String base = sandbox.ghlBaseUrl();
        HttpResponse<String> list = http.send(ghl(base + "/contacts/?locationId=" + GhlSandbox.DEFAULT_LOCATION_ID + "&limit=1").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode contacts = JSON.readTree(list.body()).path("contacts");
        if (list.statusCode() != 200 || contacts.isEmpty()) {
            return;
        }
        String id = contacts.get(0).path("id").asText();
        String body = JSON.writeValueAsString(JSON.createObjectNode().set("tags", JSON.createArrayNode().add("demo-edit-" + (n % 4))));
        http.send(ghl(base + "/contacts/" + id + "/tags").POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.discarding());
    }

    private static HttpRequest.Builder ghl(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + GhlSandbox.DEFAULT_TOKEN).header("Version", "2021-07-28");
    }

    /** Stops the activity (first thing on shutdown, so the engine drains what it already has). */
    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }
}
