package io.ghlsync.sandbox.cliengo;

import io.ghlsync.sandbox.rest.RestError;
import io.ghlsync.sandbox.rest.RestJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ghlsync.sandbox.ghl.SandboxClock;
import io.ghlsync.sandbox.rest.StampIndex;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The Cliengo sandbox's leads, with their tags, tasks and notes, in memory. Every method holds the book's lock, so
 * changes and the events they emit are in one order; events go to a sink that only queues (never blocks).
 *
 * <p>Each change stamps the lead with a fresh {@code updatedAt} (epoch millis, strictly increasing across the book), so
 * "order by updatedAt, then id" is the order of the stamps and a cursor is the last stamp read: paging sees every lead
 * once, and a poller using the last {@code updatedAt} it saw as {@code updatedSince} misses nothing.
 */
final class LeadBook {

    /** The lead fields a client may set; anything else in a body is refused, so typos do not pass silently. */
    static final Set<String> LEAD_FIELDS = Set.of("name", "email", "phone", "company", "tags", "customFields", "website",
            "channel", "status", "ghlContactId", "createdAt");
    static final Set<String> TASK_FIELDS = Set.of("title", "description", "dueAt", "status", "assignee");
    static final Set<String> NOTE_FIELDS = Set.of("content", "author");
    /** Task statuses that mean done: moving into one of them is a task.completed event. */
    static final Set<String> DONE = Set.of("done", "completed");

    /** One page of leads; {@code nextCursor} is null on the last page. */
    record Page(List<ObjectNode> leads, Long nextCursor) {
    }

    private final SandboxClock clock;
    private final Consumer<ObjectNode> events;
    private final Map<String, ObjectNode> leads = new HashMap<>();
    private final StampIndex stamps;
    private final Map<String, Map<String, ObjectNode>> tasks = new HashMap<>();
    private final Map<String, Map<String, ObjectNode>> notes = new HashMap<>();
    private long sequence;

    LeadBook(SandboxClock clock, Consumer<ObjectNode> events) {
        this.clock = clock;
        this.stamps = new StampIndex(clock);
        this.events = events;
    }

    synchronized void clear() {
        leads.clear();
        stamps.clear();
        tasks.clear();
        notes.clear();
        sequence = 0;
    }

    synchronized int count() {
        return leads.size();
    }

    synchronized int taskCount() {
        return tasks.values().stream().mapToInt(Map::size).sum();
    }

    synchronized int noteCount() {
        return notes.values().stream().mapToInt(Map::size).sum();
    }

    // ---- leads ----

    synchronized ObjectNode create(ObjectNode body) {
        check(body, LEAD_FIELDS, "lead");
        String id = nextId("ld");
        long stamp = stamps.restamp(id);
        ObjectNode lead = RestJson.object();
        lead.put("id", id);
        copyFields(body, lead);
        lead.set("tags", tags(body.get("tags"), "tags"));
        if (!lead.has("createdAt")) {
            lead.put("createdAt", SandboxClock.iso(stamp));
        }
        lead.put("updatedAt", SandboxClock.iso(stamp));
        leads.put(id, lead);
        events.accept(event("lead.created", id).set("lead", lead.deepCopy()));
        return lead.deepCopy();
    }

    synchronized ObjectNode get(String id) {
        return lead(id).deepCopy();
    }

    /**
     * Changes the given fields; {@code tags} replaces the set, {@code addTags}/{@code removeTags} add and remove. Emits
     * lead.updated (with the names of the changed fields, so a receiver can tell its own write-back from a user's edit),
     * tags.added and tags.removed; nothing when nothing changed.
     */
    synchronized ObjectNode update(String id, ObjectNode body) {
        Set<String> allowed = new LinkedHashSet<>(LEAD_FIELDS);
        allowed.add("addTags");
        allowed.add("removeTags");
        check(body, allowed, "lead");
        ObjectNode lead = lead(id);
        List<String> changed = new ArrayList<>();
        for (String field : LEAD_FIELDS) {
            if (!field.equals("tags") && body.has(field) && !Objects.equals(body.get(field), lead.get(field))) {
                changed.add(field);
            }
        }
        ObjectNode before = lead.deepCopy();
        copyFields(body, lead);
        Set<String> tagsBefore = tagSet(before.get("tags"));
        LinkedHashSet<String> tagsAfter = new LinkedHashSet<>(tagsBefore);
        if (body.has("tags")) {
            tagsAfter = new LinkedHashSet<>(tagSet(tags(body.get("tags"), "tags")));
        }
        tagsAfter.addAll(tagSet(tags(body.get("addTags"), "addTags")));
        Set<String> removing = lowerCase(tagSet(tags(body.get("removeTags"), "removeTags")));
        tagsAfter.removeIf(t -> removing.contains(t.toLowerCase(Locale.ROOT)));
        List<String> added = difference(tagsAfter, tagsBefore);
        List<String> removed = difference(tagsBefore, tagsAfter);
        if (changed.isEmpty() && added.isEmpty() && removed.isEmpty()) {
            lead.setAll(before);
            return lead.deepCopy();
        }
        ArrayNode tagArray = lead.putArray("tags");
        tagsAfter.forEach(tagArray::add);
        touch(id, lead);
        if (!changed.isEmpty()) {
            ObjectNode event = event("lead.updated", id);
            event.set("lead", lead.deepCopy());
            changed.forEach(event.putArray("changed")::add);
            events.accept(event);
        }
        if (!added.isEmpty()) {
            ObjectNode event = event("tags.added", id);
            added.forEach(event.putArray("tags")::add);
            events.accept(event);
        }
        if (!removed.isEmpty()) {
            ObjectNode event = event("tags.removed", id);
            removed.forEach(event.putArray("tags")::add);
            events.accept(event);
        }
        return lead.deepCopy();
    }

    /** Leads with {@code updatedAt >= since} (null: all), after the cursor stamp (null: from the start), oldest first. */
    synchronized Page page(Long sinceMillis, Long cursor, int limit) {
        StampIndex.Page page = stamps.page(sinceMillis, cursor, limit);
        return new Page(page.ids().stream().map(id -> leads.get(id).deepCopy()).toList(), page.nextCursor());
    }

    // ---- tasks and notes ----

    synchronized List<ObjectNode> tasks(String leadId) {
        lead(leadId);
        return copies(tasks.get(leadId));
    }

    synchronized ObjectNode addTask(String leadId, ObjectNode body) {
        check(body, TASK_FIELDS, "task");
        ObjectNode lead = lead(leadId);
        if (RestJson.text(body, "title") == null || RestJson.text(body, "title").isBlank()) {
            throw RestError.badRequest("a task needs a title", "title");
        }
        long stamp = touch(leadId, lead);
        ObjectNode task = RestJson.object();
        task.put("id", nextId("tk"));
        task.put("leadId", leadId);
        copyText(body, task, TASK_FIELDS);
        if (!task.has("status")) {
            task.put("status", "pending");
        }
        task.put("createdAt", SandboxClock.iso(stamp));
        task.put("updatedAt", SandboxClock.iso(stamp));
        tasks.computeIfAbsent(leadId, k -> new LinkedHashMap<>()).put(task.get("id").asText(), task);
        events.accept(event("task.created", leadId).set("task", task.deepCopy()));
        return task.deepCopy();
    }

    /** Emits task.completed when the status moves into a done status, else task.updated; nothing when unchanged. */
    synchronized ObjectNode updateTask(String leadId, String taskId, ObjectNode body) {
        check(body, TASK_FIELDS, "task");
        ObjectNode lead = lead(leadId);
        ObjectNode task = tasks.getOrDefault(leadId, Map.of()).get(taskId);
        if (task == null) {
            throw RestError.notFound("no task " + taskId + " on lead " + leadId);
        }
        ObjectNode before = task.deepCopy();
        copyText(body, task, TASK_FIELDS);
        if (task.equals(before)) {
            return task.deepCopy();
        }
        task.put("updatedAt", SandboxClock.iso(touch(leadId, lead)));
        boolean completed = !DONE.contains(RestJson.text(before, "status")) && DONE.contains(RestJson.text(task, "status"));
        events.accept(event(completed ? "task.completed" : "task.updated", leadId).set("task", task.deepCopy()));
        return task.deepCopy();
    }

    synchronized List<ObjectNode> notes(String leadId) {
        lead(leadId);
        return copies(notes.get(leadId));
    }

    synchronized ObjectNode addNote(String leadId, ObjectNode body) {
        check(body, NOTE_FIELDS, "note");
        ObjectNode lead = lead(leadId);
        if (RestJson.text(body, "content") == null || RestJson.text(body, "content").isBlank()) {
            throw RestError.badRequest("a note needs content", "content");
        }
        long stamp = touch(leadId, lead);
        ObjectNode note = RestJson.object();
        note.put("id", nextId("nt"));
        note.put("leadId", leadId);
        copyText(body, note, NOTE_FIELDS);
        note.put("createdAt", SandboxClock.iso(stamp));
        notes.computeIfAbsent(leadId, k -> new LinkedHashMap<>()).put(note.get("id").asText(), note);
        events.accept(event("note.added", leadId).set("note", note.deepCopy()));
        return note.deepCopy();
    }

    // ---- helpers ----

    private ObjectNode lead(String id) {
        ObjectNode lead = id == null ? null : leads.get(id);
        if (lead == null) {
            throw RestError.notFound("no lead " + id);
        }
        return lead;
    }

    private long touch(String id, ObjectNode lead) {
        long stamp = stamps.restamp(id);
        lead.put("updatedAt", SandboxClock.iso(stamp));
        return stamp;
    }

    private String nextId(String prefix) {
        return String.format(Locale.ROOT, "%s_%06d", prefix, ++sequence);
    }

    private ObjectNode event(String type, String leadId) {
        return CliengoEvents.event(type, leadId, clock.millis());
    }

    private static void check(ObjectNode body, Set<String> allowed, String what) {
        body.fieldNames().forEachRemaining(field -> {
            if (!allowed.contains(field)) {
                throw RestError.badRequest("unknown " + what + " field " + field, field);
            }
        });
    }

    /** Copies the lead fields present in the body, checking their types (a phone may be a number, as chats send it). */
    private static void copyFields(ObjectNode body, ObjectNode lead) {
        for (String field : LEAD_FIELDS) {
            JsonNode value = body.get(field);
            if (value == null || field.equals("tags")) {
                continue;
            }
            boolean ok = value.isNull() || value.isTextual() || (field.equals("phone") && value.isNumber())
                    || (field.equals("customFields") && value.isObject());
            if (!ok) {
                throw RestError.badRequest(field + " must be " + (field.equals("customFields") ? "an object" : "a string"), field);
            }
            if (value.isNull()) {
                lead.remove(field);
            } else {
                lead.set(field, value.deepCopy());
            }
        }
    }

    private static void copyText(ObjectNode body, ObjectNode target, Set<String> fields) {
        for (String field : fields) {
            JsonNode value = body.get(field);
            if (value == null) {
                continue;
            }
            if (!value.isTextual() && !value.isNull()) {
                throw RestError.badRequest(field + " must be a string", field);
            }
            if (value.isNull()) {
                target.remove(field);
            } else {
                target.put(field, value.asText());
            }
        }
    }

    /** Tags as sent (trimmed, no blanks, no case-insensitive repeats); null is no tags. */
    private static ArrayNode tags(JsonNode value, String field) {
        ArrayNode out = RestJson.object().arrayNode();
        if (value == null || value.isNull()) {
            return out;
        }
        if (!value.isArray()) {
            throw RestError.badRequest(field + " must be an array of strings", field);
        }
        Set<String> seen = new LinkedHashSet<>();
        for (JsonNode tag : value) {
            if (!tag.isTextual()) {
                throw RestError.badRequest(field + " must be an array of strings", field);
            }
            String trimmed = tag.asText().strip();
            if (!trimmed.isEmpty() && seen.add(trimmed.toLowerCase(Locale.ROOT))) {
                out.add(trimmed);
            }
        }
        return out;
    }

    private static Set<String> tagSet(JsonNode array) {
        Set<String> out = new LinkedHashSet<>();
        if (array != null) {
            array.forEach(t -> out.add(t.asText()));
        }
        return out;
    }

    private static Set<String> lowerCase(Set<String> tags) {
        Set<String> out = new LinkedHashSet<>();
        tags.forEach(t -> out.add(t.toLowerCase(Locale.ROOT)));
        return out;
    }

    /** The tags of {@code a} not in {@code b}, compared case-insensitively. */
    private static List<String> difference(Set<String> a, Set<String> b) {
        Set<String> lower = lowerCase(b);
        return a.stream().filter(t -> !lower.contains(t.toLowerCase(Locale.ROOT))).toList();
    }

    private static List<ObjectNode> copies(Map<String, ObjectNode> items) {
        return items == null ? List.of() : items.values().stream().map(ObjectNode::deepCopy).toList();
    }
}
