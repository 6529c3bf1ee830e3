package io.ghlsync.sandbox.ghl;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The tasks, notes or appointments of one location, grouped by contact so a contact's list is read without scanning
 * the location. Values are immutable records; replacing one is an atomic map operation, so no lock is needed.
 */
final class ContactRecords<T> {

    private final Map<String, Map<String, T>> byContact = new ConcurrentHashMap<>();
    private final Function<T, String> idOf;
    private final Comparator<T> order;

    ContactRecords(Function<T, String> idOf, Comparator<T> order) {
        this.idOf = idOf;
        this.order = order;
    }

    void put(String contactId, T record) {
        // insertion-ordered, so records with equal sort keys (created in the same millisecond) keep the order they came in
        byContact.computeIfAbsent(contactId, k -> Collections.synchronizedMap(new LinkedHashMap<>())).put(idOf.apply(record), record);
    }

    Optional<T> get(String contactId, String id) {
        Map<String, T> records = byContact.get(contactId);
        return Optional.ofNullable(records == null || id == null ? null : records.get(id));
    }

    /** Applies {@code change} to the record atomically; empty when the contact has no such record. */
    Optional<T> change(String contactId, String id, UnaryOperator<T> change) {
        Map<String, T> records = byContact.get(contactId);
        return Optional.ofNullable(records == null ? null : records.computeIfPresent(id, (k, v) -> change.apply(v)));
    }

    Optional<T> remove(String contactId, String id) {
        Map<String, T> records = byContact.get(contactId);
        return Optional.ofNullable(records == null ? null : records.remove(id));
    }

    List<T> of(String contactId) {
        Map<String, T> records = byContact.get(contactId);
        if (records == null) {
            return List.of();
        }
        List<T> copy;
        synchronized (records) {
            copy = new ArrayList<>(records.values());
        }
        copy.sort(order);
        return copy;
    }

    /** Finds a record by id alone (operators address appointments without their contact). */
    Optional<T> find(String id) {
        for (Map<String, T> records : byContact.values()) {
            T record = records.get(id);
            if (record != null) {
                return Optional.of(record);
            }
        }
        return Optional.empty();
    }

    void removeContact(String contactId) {
        byContact.remove(contactId);
    }

    long count() {
        return byContact.values().stream().mapToLong(Map::size).sum();
    }

    void clear() {
        byContact.clear();
    }
}
