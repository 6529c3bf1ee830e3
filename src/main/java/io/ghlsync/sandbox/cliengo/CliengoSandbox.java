package io.ghlsync.sandbox.cliengo;

import io.ghlsync.sandbox.rest.EndpointCounts;
import io.ghlsync.sandbox.rest.RestRoutes;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ghlsync.sandbox.SandboxApp;
import io.ghlsync.sandbox.ghl.SandboxClock;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

import java.util.List;

/**
 * The Cliengo look-alike, mounted at {@code /cliengo}: the REST contract of docs/cliengo-contract.md over in-memory
 * leads, with every change posted as a signed webhook event. Its public methods are the Java control API (what
 * {@code /_sandbox/cliengo} does over HTTP), for tests and the commands that start the sandbox.
 */
public final class CliengoSandbox implements SandboxApp {

    public static final String DEFAULT_API_KEY = "sandbox-cliengo-key";
    public static final String DEFAULT_WEBHOOK_SECRET = "sandbox-cliengo-secret";
    /** Larger request bodies answer 413; no lead comes near it, and it bounds memory per request. */
    static final int BODY_LIMIT_BYTES = 1 << 20;

    /** What {@link #generate} made: leads, distinct people among them, and what hangs off them. */
    public record GenerateResult(int leads, int people, int duplicateEmails, int duplicatePhones, int tags, int notes,
            int tasks) {
    }

    private final SandboxClock clock = new SandboxClock();
    private final EndpointCounts stats = new EndpointCounts();
    private final CliengoWebhooks webhooks = new CliengoWebhooks(clock, DEFAULT_WEBHOOK_SECRET);
    private final LeadBook book = new LeadBook(clock, webhooks::publish);
    private volatile String apiKey = DEFAULT_API_KEY;

    @Override
    public String name() {
        return "cliengo";
    }

    @Override
    public void start(Vertx vertx) {
        webhooks.start(vertx);
    }

    @Override
    public void stop() {
        webhooks.stop();
    }

    @Override
    public Router apiRouter(Vertx vertx) {
        return RestRoutes.apiRouter(vertx, BODY_LIMIT_BYTES, new CliengoApi(this)::register);
    }

    @Override
    public Router controlRouter(Vertx vertx) {
        return new CliengoControlApi(this).router(vertx);
    }

    LeadBook book() {
        return book;
    }

    // ---- Java control API ----

    public SandboxClock clock() {
        return clock;
    }

    public EndpointCounts stats() {
        return stats;
    }

    public String apiKey() {
        return apiKey;
    }

    /** The key clients must send in X-Api-Key. */
    public void apiKey(String key) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("the API key must not be empty");
        }
        apiKey = key;
    }

    /** The secret webhook events are signed with (HMAC-SHA256). */
    public void webhookSecret(String secret) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("the webhook secret must not be empty");
        }
        webhooks.secret(secret);
    }

    /** Where signed events go; null (the default) posts nothing. */
    public void webhookUrl(String url) {
        if (url != null && !url.isBlank() && !(url.startsWith("http://") || url.startsWith("https://"))) {
            throw new IllegalArgumentException("the webhook URL must be http(s)://..., not " + url);
        }
        webhooks.url(url);
    }

    public String webhookUrl() {
        return webhooks.url();
    }

    public List<CliengoDelivery> webhookDeliveries() {
        return webhooks.deliveries();
    }

    /** Events still queued or being posted; 0 once every delivery has finished (delivered or given up). */
    public int pendingWebhooks() {
        return webhooks.pending();
    }

    public void clearWebhookDeliveries() {
        webhooks.clear();
    }

    public ObjectNode createLead(ObjectNode lead) {
        return book.create(lead.deepCopy());
    }

    public ObjectNode lead(String id) {
        return book.get(id);
    }

    public ObjectNode updateLead(String id, ObjectNode changes) {
        return book.update(id, changes.deepCopy());
    }

    public List<ObjectNode> tasks(String leadId) {
        return book.tasks(leadId);
    }

    public List<ObjectNode> notes(String leadId) {
        return book.notes(leadId);
    }

    public int leadCount() {
        return book.count();
    }

    /**
     * Creates {@code plan.leads()} leads (and their notes and tasks) through the same code the API uses, so each one
     * fires its events; the same seed after a reset gives the same leads.
     */
    public GenerateResult generate(LeadGenerator.Plan plan) {
        int duplicateEmails = 0;
        int duplicatePhones = 0;
        int tags = 0;
        int notes = 0;
        int tasks = 0;
        int people = 0;
        for (LeadGenerator.Generated generated : LeadGenerator.generate(plan)) {
            ObjectNode lead = book.create(generated.lead());
            String id = lead.get("id").asText();
            if (generated.person() == people) {
                people++;
            } else if (!generated.lead().has("phone")) {
                duplicateEmails++;
            } else {
                duplicatePhones++;
            }
            tags += lead.get("tags").size();
            for (ObjectNode note : generated.notes()) {
                book.addNote(id, note);
                notes++;
            }
            for (ObjectNode task : generated.tasks()) {
                book.addTask(id, task);
                tasks++;
            }
        }
        return new GenerateResult(plan.leads(), people, duplicateEmails, duplicatePhones, tags, notes, tasks);
    }

    /** {@link #generate(LeadGenerator.Plan)} with the standard mix: 10% duplicate emails, 5% duplicate phones. */
    public GenerateResult generate(int leads, long seed) {
        return generate(LeadGenerator.Plan.standard(leads, seed));
    }

    public ObjectNode statsJson() {
        return stats.toJson();
    }

    /** Back to a fresh start: no leads, no webhook URL, default key and secret, nothing counted. */
    public void reset() {
        book.clear();
        stats.reset();
        webhooks.url(null);
        webhooks.secret(DEFAULT_WEBHOOK_SECRET);
        webhooks.clear();
        apiKey = DEFAULT_API_KEY;
        clock.reset();
    }
}
