package io.ghlsync.sandbox.ghl;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A location's custom fields, known by key in requests ({@code {"key": "lead_source", "field_value": ..}}) and by id in
 * answers ({@code {"id": "...", "value": ..}}) — the asymmetry GHL clients must handle. A key seen for the first time
 * gets a new id, as if the field had been defined in the location's settings.
 */
final class CustomFieldRegistry {

    private final Map<String, String> idByKey = new ConcurrentHashMap<>();
    private final Map<String, String> keyById = new ConcurrentHashMap<>();

    String idFor(String key) {
        return idByKey.computeIfAbsent(key, k -> {
            String id = SandboxIds.next();
            keyById.put(id, k);
            return id;
        });
    }

    /** Registers a field with a known id (seeding, operators). */
    void define(String key, String id) {
        idByKey.put(key, id);
        keyById.put(id, key);
    }

    boolean knowsId(String id) {
        return keyById.containsKey(id);
    }

    Map<String, String> idsByKey() {
        return new TreeMap<>(idByKey);
    }
}
