package io.ghlsync.sandbox.clientjoy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ghlsync.sandbox.ghl.SandboxClock;
import io.ghlsync.sandbox.rest.RestError;
import io.ghlsync.sandbox.rest.RestJson;
import io.ghlsync.sandbox.rest.StampIndex;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The Clientjoy sandbox's clients with their tasks, notes and activities, in memory. Every method holds the book's
 * lock. A client's {@code external_id} is unique (a second POST with it is a 409), which is what makes
 * {@code PUT /clients/external/{externalId}} an idempotent create-or-update; the same holds per client for its tasks,
 * notes and activities. Each change to a client or anything under it restamps the client's {@code updated_at}, so the
 * updatedSince list shows it. Changes that change something are counted per kind and action ({@code writes}).
 */
final class ClientBook {

    /** A write's outcome: the stored record, and whether it was created (201) rather than updated (200). */
    record Written(ObjectNode record, boolean created) {
    }

    /** One page of clients; {@code nextCursor} is null on the last page. */
    record Page(List<ObjectNode> clients, Long nextCursor) {
    }

    private final StampIndex stamps;
    private final Map<String, ObjectNode> clients = new HashMap<>();
    private final Map<String, String> byExternalId = new HashMap<>();
    private final Map<RecordKind, ChildRecords> children = Map.of(RecordKind.TASK, new ChildRecords(RecordKind.TASK),
            RecordKind.NOTE, new ChildRecords(RecordKind.NOTE), RecordKind.ACTIVITY, new ChildRecords(RecordKind.ACTIVITY));
    private final Map<String, LongAdder> writes = new TreeMap<>();
    private long sequence;

    ClientBook(SandboxClock clock) {
        this.stamps = new StampIndex(clock);
    }

    synchronized void clear() {
        clients.clear();
        byExternalId.clear();
        children.values().forEach(ChildRecords::clear);
        stamps.clear();
        writes.clear();
        sequence = 0;
    }

    // ---- clients ----

    synchronized ObjectNode createClient(ObjectNode body) {
        RecordKind.CLIENT.check(body, true);
        String externalId = RestJson.text(body, "external_id");
        if (externalId != null && byExternalId.containsKey(externalId)) {
            throw new RestError(409, "a client with external_id " + externalId + " exists: "
                    + byExternalId.get(externalId) + " (PUT /clients/external/{externalId} updates it)", "external_id");
        }
        String id = nextId(RecordKind.CLIENT);
        long stamp = stamps.restamp(id);
        ObjectNode client = RestJson.object();
        client.put("id", id);
        apply(body, client);
        client.put("created_at", SandboxClock.iso(stamp));
        client.put("updated_at", SandboxClock.iso(stamp));
        clients.put(id, client);
        if (externalId != null) {
            byExternalId.put(externalId, id);
        }
        count(RecordKind.CLIENT, "created");
        return client.deepCopy();
    }

    /** Every client, in id order. */
    synchronized List<ObjectNode> clients() {
        return clients.keySet().stream().sorted().map(id -> clients.get(id).deepCopy()).toList();
    }

    /** The id of one client chosen by {@code random} (in id order, so a seed picks the same one), or null when none. */
    synchronized String anyClientId(java.util.Random random) {
        if (clients.isEmpty()) {
            return null;
        }
        List<String> ids = clients.keySet().stream().sorted().toList();
        return ids.get(random.nextInt(ids.size()));
    }

    synchronized ObjectNode client(String id) {
        return stored(id).deepCopy();
    }

    synchronized ObjectNode clientByExternalId(String externalId) {
        String id = byExternalId.get(externalId);
        if (id == null) {
            throw RestError.notFound("no client with external_id " + externalId);
        }
        return client(id);
    }

    /** Changes the given fields; nothing (no new updated_at, no write counted) when nothing differs. */
    synchronized ObjectNode updateClient(String id, ObjectNode body) {
        RecordKind.CLIENT.check(body, false);
        ObjectNode client = stored(id);
        String externalId = RestJson.text(body, "external_id");
        if (externalId != null && byExternalId.containsKey(externalId) && !byExternalId.get(externalId).equals(id)) {
            throw new RestError(409, "external_id " + externalId + " belongs to client " + byExternalId.get(externalId), "external_id");
        }
        String before = RestJson.text(client, "external_id");
        if (!apply(body, client)) {
            return client.deepCopy();
        }
        if (before != null) {
            byExternalId.remove(before);
        }
        if (client.hasNonNull("external_id")) {
            byExternalId.put(client.get("external_id").asText(), id);
        }
        touch(id, client);
        count(RecordKind.CLIENT, "updated");
        return client.deepCopy();
    }

    /** Creates the client with this external id, or updates the one that has it. */
    synchronized Written upsertClient(String externalId, ObjectNode body) {
        body.put("external_id", externalId);
        String id = byExternalId.get(externalId);
        return id == null ? new Written(createClient(body), true) : new Written(updateClient(id, body), false);
    }

    synchronized void deleteClient(String id) {
        ObjectNode client = stored(id);
        clients.remove(id);
        stamps.remove(id);
        if (client.hasNonNull("external_id")) {
            byExternalId.remove(client.get("external_id").asText());
        }
        children.values().forEach(c -> c.removeClient(id));
        count(RecordKind.CLIENT, "deleted");
    }

    synchronized Page page(Long sinceMillis, Long cursor, int limit) {
        StampIndex.Page page = stamps.page(sinceMillis, cursor, limit);
        return new Page(page.ids().stream().map(id -> clients.get(id).deepCopy()).toList(), page.nextCursor());
    }

    // ---- tasks, notes, activities ----

    synchronized List<ObjectNode> list(RecordKind kind, String clientId) {
        stored(clientId);
        return children(kind).of(clientId);
    }

    synchronized ObjectNode get(RecordKind kind, String clientId, String id) {
        stored(clientId);
        return children(kind).get(clientId, id).deepCopy();
    }

    synchronized ObjectNode create(RecordKind kind, String clientId, ObjectNode body) {
        kind.check(body, true);
        ObjectNode client = stored(clientId);
        ChildRecords records = children(kind);
        String externalId = RestJson.text(body, "external_id");
        if (externalId != null && records.byExternalId(clientId, externalId) != null) {
            throw new RestError(409, "client " + clientId + " has a " + kind.name() + " with external_id " + externalId
                    + " (PUT .../" + kind.plural() + "/external/{externalId} updates it)", "external_id");
        }
        long stamp = touch(clientId, client);
        ObjectNode item = RestJson.object();
        item.put("id", nextId(kind));
        item.put("client_id", clientId);
        if (kind == RecordKind.TASK) {
            item.put("status", "open");
        }
        if (kind == RecordKind.ACTIVITY) {
            item.put("type", "meeting");
            item.put("status", "scheduled");
        }
        apply(body, item);
        item.put("created_at", SandboxClock.iso(stamp));
        item.put("updated_at", SandboxClock.iso(stamp));
        completion(kind, item, stamp);
        records.put(clientId, item);
        count(kind, "created");
        return item.deepCopy();
    }

    synchronized ObjectNode update(RecordKind kind, String clientId, String id, ObjectNode body) {
        kind.check(body, false);
        ObjectNode client = stored(clientId);
        ChildRecords records = children(kind);
        ObjectNode item = records.get(clientId, id);
        String externalId = RestJson.text(body, "external_id");
        ObjectNode holder = externalId == null ? null : records.byExternalId(clientId, externalId);
        if (holder != null && !holder.get("id").asText().equals(id)) {
            throw new RestError(409, "external_id " + externalId + " belongs to " + kind.name() + " " + holder.get("id").asText(),
                    "external_id");
        }
        String before = RestJson.text(item, "external_id");
        if (kind.requiredField() != null && body.has(kind.requiredField())) {
            kind.check(RestJson.object().set(kind.requiredField(), body.get(kind.requiredField())), true);
        }
        if (!apply(body, item)) {
            return item.deepCopy();
        }
        records.index(clientId, item, before);
        long stamp = touch(clientId, client);
        item.put("updated_at", SandboxClock.iso(stamp));
        completion(kind, item, stamp);
        count(kind, "updated");
        return item.deepCopy();
    }

    synchronized Written upsert(RecordKind kind, String clientId, String externalId, ObjectNode body) {
        body.put("external_id", externalId);
        stored(clientId);
        ObjectNode existing = children(kind).byExternalId(clientId, externalId);
        return existing == null ? new Written(create(kind, clientId, body), true)
                : new Written(update(kind, clientId, existing.get("id").asText(), body), false);
    }

    synchronized void delete(RecordKind kind, String clientId, String id) {
        ObjectNode client = stored(clientId);
        children(kind).remove(clientId, id);
        touch(clientId, client);
        count(kind, "deleted");
    }

    // ---- counts ----

    synchronized int clientCount() {
        return clients.size();
    }

    synchronized int count(RecordKind kind) {
        return children(kind).count();
    }

    /** Writes that changed something, e.g. {@code client.created: 5000}; an upsert that changed nothing is not one. */
    synchronized ObjectNode writesJson() {
        ObjectNode out = RestJson.object();
        writes.forEach((name, n) -> out.put(name, n.sum()));
        out.put("total", writes.values().stream().mapToLong(LongAdder::sum).sum());
        return out;
    }

    synchronized long writes(String name) {
        LongAdder n = writes.get(name);
        return n == null ? 0 : n.sum();
    }

    synchronized void resetWrites() {
        writes.clear();
    }

    // ---- helpers ----

    private ObjectNode stored(String id) {
        ObjectNode client = id == null ? null : clients.get(id);
        if (client == null) {
            throw RestError.notFound("no client " + id);
        }
        return client;
    }

    private ChildRecords children(RecordKind kind) {
        return children.get(kind);
    }

    private long touch(String id, ObjectNode client) {
        long stamp = stamps.restamp(id);
        client.put("updated_at", SandboxClock.iso(stamp));
        return stamp;
    }

    /** A task's completed_at follows its status: set when it becomes completed, cleared when it is reopened. */
    private static void completion(RecordKind kind, ObjectNode item, long stamp) {
        if (kind != RecordKind.TASK) {
            return;
        }
        boolean completed = "completed".equals(RestJson.text(item, "status"));
        if (completed && !item.hasNonNull("completed_at")) {
            item.put("completed_at", SandboxClock.iso(stamp));
        } else if (!completed) {
            item.remove("completed_at");
        }
    }

    /** Copies the body's fields onto the record (null removes one); true when anything changed. */
    private static boolean apply(ObjectNode body, ObjectNode record) {
        ObjectNode before = record.deepCopy();
        body.fields().forEachRemaining(field -> {
            if (field.getValue().isNull()) {
                record.remove(field.getKey());
            } else {
                record.set(field.getKey(), field.getValue().deepCopy());
            }
        });
        return !record.equals(before);
    }

    private void count(RecordKind kind, String action) {
        writes.computeIfAbsent(kind.name() + "." + action, k -> new LongAdder()).increment();
    }

    private String nextId(RecordKind kind) {
        return String.format(Locale.ROOT, "%s_%07d", kind.idPrefix(), ++sequence);
    }
}
