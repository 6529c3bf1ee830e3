package io.ghlsync.sandbox.ghl;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A contact's tags. The official docs do not say how GHL normalises tags, so the sandbox keeps each tag as sent
 * (trimmed, blanks dropped) and treats tags differing only in case as the same tag: the first spelling stays, and
 * removing "VIP" removes "vip". Immutable; every change returns a new set.
 */
final class TagSet {

    static final TagSet EMPTY = new TagSet(new LinkedHashMap<>());

    /** lower-cased key → the spelling kept, in insertion order. */
    private final LinkedHashMap<String, String> tags;

    private TagSet(LinkedHashMap<String, String> tags) {
        this.tags = tags;
    }

    static TagSet of(Collection<String> values) {
        return EMPTY.plus(values);
    }

    static TagSet of(JsonNode array) {
        return of(strings(array));
    }

    static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        if (array != null && array.isArray()) {
            array.forEach(v -> values.add(v.asText()));
        }
        return values;
    }

    TagSet plus(Collection<String> values) {
        LinkedHashMap<String, String> next = new LinkedHashMap<>(tags);
        for (String value : values) {
            String tag = value == null ? "" : value.trim();
            if (!tag.isEmpty()) {
                next.putIfAbsent(key(tag), tag);
            }
        }
        return new TagSet(next);
    }

    TagSet minus(Collection<String> values) {
        LinkedHashMap<String, String> next = new LinkedHashMap<>(tags);
        values.forEach(v -> next.remove(key(v == null ? "" : v.trim())));
        return new TagSet(next);
    }

    boolean contains(String tag) {
        return tag != null && tags.containsKey(key(tag.trim()));
    }

    /** Tags of {@code other} that this set lacks, in their spelling. */
    List<String> missingFrom(TagSet other) {
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, String> entry : other.tags.entrySet()) {
            if (!tags.containsKey(entry.getKey())) {
                missing.add(entry.getValue());
            }
        }
        return missing;
    }

    List<String> values() {
        return List.copyOf(tags.values());
    }

    boolean sameAs(TagSet other) {
        return tags.keySet().equals(other.tags.keySet());
    }

    private static String key(String tag) {
        return tag.toLowerCase(Locale.ROOT);
    }
}
