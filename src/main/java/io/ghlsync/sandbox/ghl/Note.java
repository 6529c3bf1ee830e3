package io.ghlsync.sandbox.ghl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A contact's note (GetNoteSchema), immutable. */
record Note(String id, String locationId, String contactId, String body, String userId, String title, String color,
        Boolean pinned, long dateAdded) {

    static Note create(String locationId, String contactId, JsonNode body, long now) {
        return new Note(SandboxIds.next(), locationId, contactId, Json.text(body, "body"), Json.text(body, "userId"),
                Json.text(body, "title"), Json.text(body, "color"), body.has("pinned") ? body.get("pinned").asBoolean() : null, now);
    }

    Note update(JsonNode body) {
        return new Note(id, locationId, contactId,
                body.has("body") ? Json.text(body, "body") : this.body,
                body.has("userId") ? Json.text(body, "userId") : userId,
                body.has("title") ? Json.text(body, "title") : title,
                body.has("color") ? Json.text(body, "color") : color,
                body.has("pinned") ? Boolean.valueOf(body.get("pinned").asBoolean()) : pinned,
                dateAdded);
    }

    /** GetNoteSchema. */
    ObjectNode toJson() {
        ObjectNode out = Json.object();
        out.put("id", id);
        Json.putIfPresent(out, "body", body);
        Json.putIfPresent(out, "userId", userId);
        out.put("dateAdded", SandboxClock.iso(dateAdded));
        out.put("contactId", contactId);
        Json.putIfPresent(out, "title", title);
        Json.putIfPresent(out, "color", color);
        out.put("pinned", pinned != null && pinned);
        return out;
    }

    /** NoteCreate/NoteUpdate/NoteDelete body of docs/webhook-events. */
    ObjectNode event(String type) {
        ObjectNode out = Json.object();
        out.put("type", type);
        out.put("locationId", locationId);
        out.put("id", id);
        Json.putIfPresent(out, "body", body);
        out.put("contactId", contactId);
        out.put("dateAdded", SandboxClock.iso(dateAdded));
        return out;
    }
}
