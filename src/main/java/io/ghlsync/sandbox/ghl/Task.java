package io.ghlsync.sandbox.ghl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A contact's task (TaskSchema), immutable. {@code dateAdded} is kept for the Task* webhook events. */
record Task(String id, String locationId, String contactId, String title, String body, String assignedTo, String dueDate,
        boolean completed, long dateAdded) {

    static Task create(String locationId, String contactId, JsonNode body, long now) {
        return new Task(SandboxIds.next(), locationId, contactId, Json.text(body, "title"), Json.text(body, "body"),
                Json.text(body, "assignedTo"), normalisedDue(Json.text(body, "dueDate")), body.path("completed").asBoolean(false), now);
    }

    /** This task with the fields {@code body} sends (UpdateTaskBody: all optional). */
    Task update(JsonNode body) {
        return new Task(id, locationId, contactId,
                body.has("title") ? Json.text(body, "title") : title,
                body.has("body") ? Json.text(body, "body") : this.body,
                body.has("assignedTo") ? Json.text(body, "assignedTo") : assignedTo,
                body.has("dueDate") ? normalisedDue(Json.text(body, "dueDate")) : dueDate,
                body.has("completed") ? body.get("completed").asBoolean() : completed,
                dateAdded);
    }

    Task withCompleted(boolean done) {
        return new Task(id, locationId, contactId, title, body, assignedTo, dueDate, done, dateAdded);
    }

    /** TaskSchema. */
    ObjectNode toJson() {
        ObjectNode out = Json.object();
        out.put("id", id);
        Json.putIfPresent(out, "title", title);
        Json.putIfPresent(out, "body", body);
        Json.putIfPresent(out, "assignedTo", assignedTo);
        Json.putIfPresent(out, "dueDate", dueDate);
        out.put("completed", completed);
        out.put("contactId", contactId);
        return out;
    }

    /** TaskCreate/TaskComplete/TaskDelete body of docs/webhook-events. */
    ObjectNode event(String type) {
        ObjectNode out = Json.object();
        out.put("type", type);
        out.put("locationId", locationId);
        out.put("id", id);
        Json.putIfPresent(out, "assignedTo", assignedTo);
        Json.putIfPresent(out, "body", body);
        out.put("contactId", contactId);
        Json.putIfPresent(out, "title", title);
        out.put("dateAdded", SandboxClock.iso(dateAdded));
        Json.putIfPresent(out, "dueDate", dueDate);
        return out;
    }

    /** GHL answers due dates as ISO-8601 UTC with milliseconds, whatever offset was sent. */
    private static String normalisedDue(String due) {
        if (due == null) {
            return null;
        }
        try {
            return SandboxClock.iso(java.time.OffsetDateTime.parse(due).toInstant().toEpochMilli());
        } catch (java.time.format.DateTimeParseException e) {
            return due;
        }
    }
}
