package io.ghlsync.sandbox.clientjoy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ghlsync.sandbox.SandboxApp;
import io.ghlsync.sandbox.ghl.SandboxClock;
import io.ghlsync.sandbox.rest.EndpointCounts;
import io.ghlsync.sandbox.rest.RestError;
import io.ghlsync.sandbox.rest.RestJson;
import io.ghlsync.sandbox.rest.RestRoutes;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

import java.util.List;

/**
 * The Clientjoy look-alike, mounted at {@code /clientjoy}: the REST contract of docs/clientjoy-contract.md (clients,
 * tasks, notes, activities; upserts by external id) over in-memory records. Its public methods are the Java control
 * API (what {@code /_sandbox/clientjoy} does over HTTP), for tests and the commands that start the sandbox.
 */
public final class ClientjoySandbox implements SandboxApp {

    public static final String DEFAULT_API_KEY = "sandbox-clientjoy-key";
    public static final String API_KEY_HEADER = "X-Api-Key";
    /** Larger request bodies answer 413; no client comes near it, and it bounds memory per request. */
    static final int BODY_LIMIT_BYTES = 1 << 20;

    private final SandboxClock clock = new SandboxClock();
    private final EndpointCounts requests = new EndpointCounts();
    private final ClientBook book = new ClientBook(clock);
    private final ClientjoyEdits edits = new ClientjoyEdits(book);
    private volatile String apiKey = DEFAULT_API_KEY;

    @Override
    public String name() {
        return "clientjoy";
    }

    @Override
    public Router apiRouter(Vertx vertx) {
        return RestRoutes.apiRouter(vertx, BODY_LIMIT_BYTES, new ClientjoyApi(this)::register);
    }

    @Override
    public Router controlRouter(Vertx vertx) {
        return new ClientjoyControlApi(this).router(vertx);
    }

    ClientBook book() {
        return book;
    }

    EndpointCounts requests() {
        return requests;
    }

    // ---- Java control API ----

    public SandboxClock clock() {
        return clock;
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

    public int clientCount() {
        return book.clientCount();
    }

    public int taskCount() {
        return book.count(RecordKind.TASK);
    }

    public int noteCount() {
        return book.count(RecordKind.NOTE);
    }

    public int activityCount() {
        return book.count(RecordKind.ACTIVITY);
    }

    public ObjectNode createClient(ObjectNode client) {
        return book.createClient(client.deepCopy());
    }

    public ObjectNode updateClient(String id, ObjectNode changes) {
        return book.updateClient(id, changes.deepCopy());
    }

    /** Every client, in id order. */
    public List<ObjectNode> clients() {
        return book.clients();
    }

    /** The latest updated_at of any client (ISO-8601), or null when there is none: how far a poll must have come. */
    public String lastUpdatedAt() {
        return book.clients().stream().map(c -> c.path("updated_at").asText()).max(java.util.Comparator.naturalOrder()).orElse(null);
    }

    /** The client with this id (404 as a {@link RestError} when none). */
    public ObjectNode client(String id) {
        return book.client(id);
    }

    /** The client whose external_id is {@code externalId} (404 as a {@link RestError} when none). */
    public ObjectNode clientByExternalId(String externalId) {
        return book.clientByExternalId(externalId);
    }

    /**
     * An edit a person in Clientjoy would make ({@link ClientjoyEdits}), on {@code clientId} or (null) a client chosen
     * by {@code seed}: what {@code POST /_sandbox/clientjoy/edits} does.
     */
    public ObjectNode edit(ClientjoyEdits.Kind kind, String clientId, long seed) {
        return edits.apply(kind, clientId, seed);
    }

    public ObjectNode createTask(String clientId, ObjectNode task) {
        return book.create(RecordKind.TASK, clientId, task.deepCopy());
    }

    public ObjectNode updateTask(String clientId, String taskId, ObjectNode changes) {
        return book.update(RecordKind.TASK, clientId, taskId, changes.deepCopy());
    }

    public ObjectNode createNote(String clientId, ObjectNode note) {
        return book.create(RecordKind.NOTE, clientId, note.deepCopy());
    }

    public List<ObjectNode> tasks(String clientId) {
        return book.list(RecordKind.TASK, clientId);
    }

    public List<ObjectNode> notes(String clientId) {
        return book.list(RecordKind.NOTE, clientId);
    }

    public List<ObjectNode> activities(String clientId) {
        return book.list(RecordKind.ACTIVITY, clientId);
    }

    /** Requests to one endpoint, e.g. {@code requests("PUT /clients/external/{externalId}")}. */
    public long requests(String endpoint) {
        return requests.requests(endpoint);
    }

    /** Writes that changed something, by name (e.g. {@code client.created}, {@code task.updated}). */
    public long writes(String name) {
        return book.writes(name);
    }

    /** Counts of what is stored. */
    public ObjectNode overview() {
        ObjectNode out = RestJson.object();
        out.put("apiKeyHeader", API_KEY_HEADER);
        out.put("clients", book.clientCount());
        out.put("tasks", book.count(RecordKind.TASK));
        out.put("notes", book.count(RecordKind.NOTE));
        out.put("activities", book.count(RecordKind.ACTIVITY));
        return out;
    }

    /** The call ledger: requests per endpoint (refused ones included) and the writes that changed something. */
    public ObjectNode statsJson() {
        ObjectNode out = requests.toJson();
        out.set("writes", book.writesJson());
        return out;
    }

    public void resetStats() {
        requests.reset();
        book.resetWrites();
    }

    /** Back to a fresh start: no records, default key, nothing counted. */
    public void reset() {
        book.clear();
        requests.reset();
        apiKey = DEFAULT_API_KEY;
        clock.reset();
    }
}
