package io.ghlsync.sandbox.ghl;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The contacts of one location, in GHL's paging order (dateAdded, then id), with email and phone indexes for the
 * duplicate rule. Reads are lock-free; writes take this book's monitor, so the duplicate check and the insert are one
 * step (two concurrent creates with the same email cannot both succeed) while other locations are not held up.
 */
final class ContactBook {

    /** The paging order: dateAdded in ms, then id, so contacts added in the same millisecond still page stably. */
    record SortKey(long dateAdded, String id) implements Comparable<SortKey> {
        private static final Comparator<SortKey> ORDER = Comparator.comparingLong(SortKey::dateAdded).thenComparing(SortKey::id);

        @Override
        public int compareTo(SortKey other) {
            return ORDER.compare(this, other);
        }
    }

    /** The existing contact a request collides with, and the identifier that matched. */
    record Match(Contact contact, DuplicateRule.MatchField field) {
    }

    /** What an upsert did. */
    record Upserted(Contact before, Contact after, boolean created) {
    }

    private final String locationId;
    private final Map<String, Contact> byId = new ConcurrentHashMap<>();
    private final ConcurrentSkipListMap<SortKey, Contact> ordered = new ConcurrentSkipListMap<>();
    private final Map<String, Set<String>> idsByEmail = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> idsByPhone = new ConcurrentHashMap<>();

    ContactBook(String locationId) {
        this.locationId = locationId;
    }

    Optional<Contact> get(String id) {
        return Optional.ofNullable(id == null ? null : byId.get(id));
    }

    int size() {
        return byId.size();
    }

    Stream<Contact> inOrder() {
        return ordered.values().stream();
    }

    /** Up to {@code limit} contacts after {@code after} (exclusive; null = from the start) that pass {@code filter}. */
    List<Contact> after(SortKey after, Predicate<Contact> filter, int limit) {
        NavigableMap<SortKey, Contact> tail = after == null ? ordered : ordered.tailMap(after, false);
        List<Contact> page = new ArrayList<>(Math.min(limit, 128));
        for (Contact contact : tail.values()) {
            if (page.size() >= limit) {
                break;
            }
            if (filter.test(contact)) {
                page.add(contact);
            }
        }
        return page;
    }

    /** Contacts strictly after {@code after} (null = from the first) in ascending or descending order. */
    Stream<Contact> from(SortKey after, boolean descending) {
        NavigableMap<SortKey, Contact> view;
        if (descending) {
            view = after == null ? ordered.descendingMap() : ordered.headMap(after, false).descendingMap();
        } else {
            view = after == null ? ordered : ordered.tailMap(after, false);
        }
        return view.values().stream();
    }

    /** How many contacts passing {@code filter} come at or before {@code key}: the rank paging meta numbers pages by. */
    long countUpTo(SortKey key, Predicate<Contact> filter) {
        return ordered.headMap(key, true).values().stream().filter(filter).count();
    }

    /** The oldest contact that {@code email}/{@code phone} identify, trying the rule's fields in priority order. */
    Optional<Match> findMatch(DuplicateRule rule, String email, String phone, String excludeId) {
        for (DuplicateRule.MatchField field : rule.priority()) {
            String value = field == DuplicateRule.MatchField.EMAIL ? lower(email) : phone;
            if (value == null) {
                continue;
            }
            Map<String, Set<String>> index = field == DuplicateRule.MatchField.EMAIL ? idsByEmail : idsByPhone;
            Optional<Contact> oldest = index.getOrDefault(value, Set.of()).stream()
                    .filter(id -> !id.equals(excludeId))
                    .map(byId::get)
                    .filter(c -> c != null)
                    .min(Comparator.comparing(Contact::sortKey));
            if (oldest.isPresent()) {
                return Optional.of(new Match(oldest.get(), field));
            }
        }
        return Optional.empty();
    }

    synchronized Contact create(ContactInput input, DuplicateRule rule, long now) {
        if (!rule.allowDuplicates()) {
            findMatch(rule, input.email(), input.phone(), null).ifPresent(match -> {
                throw duplicate(match);
            });
        }
        return insert(input, now);
    }

    synchronized Contact update(Contact current, ContactInput input, DuplicateRule rule, long now) {
        Contact latest = byId.get(current.id());
        if (latest == null) {
            throw GhlError.badRequest("Contact not found");
        }
        if (!rule.allowDuplicates()) {
            findMatch(rule, input.email(), input.phone(), latest.id()).ifPresent(match -> {
                throw duplicate(match);
            });
        }
        Contact next = latest.apply(input, now);
        replace(latest, next);
        return next;
    }

    /**
     * GHL's upsert: the first identifier in the rule's priority that matches picks the contact to update; when
     * duplicates are not allowed, a second identifier that belongs to another contact is dropped rather than
     * creating a duplicate (as the spec's description says). With duplicates allowed and
     * {@code createNewIfDuplicateAllowed}, it always creates.
     */
    synchronized Upserted upsert(ContactInput input, DuplicateRule rule, boolean createNewIfDuplicateAllowed, long now) {
        if (rule.allowDuplicates() && createNewIfDuplicateAllowed) {
            return new Upserted(null, insert(input, now), true);
        }
        Optional<Match> match = findMatch(rule, input.email(), input.phone(), null);
        if (match.isEmpty()) {
            return new Upserted(null, insert(input, now), true);
        }
        Contact existing = match.get().contact();
        ContactInput effective = input;
        if (!rule.allowDuplicates()) {
            for (DuplicateRule.MatchField field : rule.priority()) {
                if (field == match.get().field()) {
                    continue;
                }
                String value = field == DuplicateRule.MatchField.EMAIL ? effective.email() : effective.phone();
                if (value != null && findMatch(new DuplicateRule(false, List.of(field)), effective.email(), effective.phone(),
                        existing.id()).isPresent()) {
                    effective = effective.without(field.json());
                }
            }
        }
        Contact next = existing.apply(effective, now);
        replace(existing, next);
        return new Upserted(existing, next, false);
    }

    /** Replaces a contact by a changed copy of itself (tags, followers, business); returns the stored one. */
    synchronized Optional<Contact> change(String id, java.util.function.UnaryOperator<Contact> change) {
        Contact latest = byId.get(id);
        if (latest == null) {
            return Optional.empty();
        }
        Contact next = change.apply(latest);
        if (next != latest) {
            replace(latest, next);
        }
        return Optional.of(next);
    }

    synchronized Optional<Contact> remove(String id) {
        Contact removed = byId.remove(id);
        if (removed == null) {
            return Optional.empty();
        }
        ordered.remove(removed.sortKey());
        unindex(removed);
        return Optional.of(removed);
    }

    /** Inserts a ready-made contact (seeding); no duplicate check. */
    synchronized void load(Contact contact) {
        byId.put(contact.id(), contact);
        ordered.put(contact.sortKey(), contact);
        index(contact);
    }

    synchronized void clear() {
        byId.clear();
        ordered.clear();
        idsByEmail.clear();
        idsByPhone.clear();
    }

    private Contact insert(ContactInput input, long now) {
        String id = SandboxIds.next();
        while (byId.containsKey(id)) {
            id = SandboxIds.next();
        }
        Contact contact = Contact.create(id, locationId, now, input);
        load(contact);
        return contact;
    }

    private void replace(Contact old, Contact next) {
        unindex(old);
        byId.put(next.id(), next);
        ordered.put(next.sortKey(), next);
        index(next);
    }

    private void index(Contact contact) {
        if (contact.emailKey() != null) {
            idsByEmail.computeIfAbsent(contact.emailKey(), k -> ConcurrentHashMap.newKeySet()).add(contact.id());
        }
        if (contact.phone() != null) {
            idsByPhone.computeIfAbsent(contact.phone(), k -> ConcurrentHashMap.newKeySet()).add(contact.id());
        }
    }

    private void unindex(Contact contact) {
        if (contact.emailKey() != null) {
            idsByEmail.computeIfPresent(contact.emailKey(), (k, ids) -> ids.remove(contact.id()) && ids.isEmpty() ? null : ids);
        }
        if (contact.phone() != null) {
            idsByPhone.computeIfPresent(contact.phone(), (k, ids) -> ids.remove(contact.id()) && ids.isEmpty() ? null : ids);
        }
    }

    /** GHL's answer to a create that would duplicate a contact while the location does not allow duplicates. */
    private static GhlError duplicate(Match match) {
        ObjectNode meta = Json.object();
        Json.putIfPresent(meta, "contactName", match.contact().displayName());
        meta.put("contactId", match.contact().id());
        meta.put("matchingField", match.field().json());
        return GhlError.badRequest("This location does not allow duplicated contacts.", meta);
    }

    private static String lower(String email) {
        return email == null ? null : email.toLowerCase(java.util.Locale.ROOT);
    }
}
