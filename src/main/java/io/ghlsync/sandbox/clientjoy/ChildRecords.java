package io.ghlsync.sandbox.clientjoy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ghlsync.sandbox.rest.RestError;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tasks, notes or activities of every client, by client then id, with each client's {@code external_id} index
 * (unique per client, so an upsert by external id finds the one record). Not thread-safe: {@link ClientBook} locks.
 */
final class ChildRecords {

    private final RecordKind kind;
    private final Map<String, Map<String, ObjectNode>> byClient = new HashMap<>();
    private final Map<String, String> byExternalId = new HashMap<>();

    ChildRecords(RecordKind kind) {
        this.kind = kind;
    }

    RecordKind kind() {
        return kind;
    }

    List<ObjectNode> of(String clientId) {
        Map<String, ObjectNode> items = byClient.get(clientId);
        return items == null ? List.of() : items.values().stream().map(ObjectNode::deepCopy).toList();
    }

    ObjectNode get(String clientId, String id) {
        ObjectNode item = byClient.getOrDefault(clientId, Map.of()).get(id);
        if (item == null) {
            throw RestError.notFound("no " + kind.name() + " " + id + " on client " + clientId);
        }
        return item;
    }

    /** The record of this client with this external id, or null. */
    ObjectNode byExternalId(String clientId, String externalId) {
        String id = byExternalId.get(clientId + "\n" + externalId);
        return id == null ? null : byClient.get(clientId).get(id);
    }

    void put(String clientId, ObjectNode item) {
        byClient.computeIfAbsent(clientId, k -> new LinkedHashMap<>()).put(item.get("id").asText(), item);
        index(clientId, item, null);
    }

    /** Keeps the external-id index in step after {@code item}'s external_id changed from {@code before}. */
    void index(String clientId, ObjectNode item, String before) {
        if (before != null) {
            byExternalId.remove(clientId + "\n" + before);
        }
        if (item.hasNonNull("external_id")) {
            byExternalId.put(clientId + "\n" + item.get("external_id").asText(), item.get("id").asText());
        }
    }

    void remove(String clientId, String id) {
        ObjectNode item = get(clientId, id);
        byClient.get(clientId).remove(id);
        if (item.hasNonNull("external_id")) {
            byExternalId.remove(clientId + "\n" + item.get("external_id").asText());
        }
    }

    /** Forgets every record of a deleted client. */
    void removeClient(String clientId) {
        Map<String, ObjectNode> items = byClient.remove(clientId);
        if (items != null) {
            items.values().stream().filter(i -> i.hasNonNull("external_id"))
                    .forEach(i -> byExternalId.remove(clientId + "\n" + i.get("external_id").asText()));
        }
    }

    int count() {
        return byClient.values().stream().mapToInt(Map::size).sum();
    }

    void clear() {
        byClient.clear();
        byExternalId.clear();
    }
}
