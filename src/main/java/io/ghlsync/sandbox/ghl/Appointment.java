package io.ghlsync.sandbox.ghl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * A contact's appointment (GetEventSchema). The Contacts API only reads appointments, so they are made through the
 * control API (or seeding), which is also what fires the Appointment* webhooks.
 */
record Appointment(String id, String locationId, String contactId, String calendarId, String title, String status,
        String assignedUserId, String notes, String address, String startTime, String endTime, String source,
        List<String> users, long dateAdded, long dateUpdated) {

    static final String DEFAULT_CALENDAR = "sandbox-calendar";

    static Appointment create(String locationId, String contactId, JsonNode body, long now) {
        return new Appointment(SandboxIds.next(), locationId, contactId,
                textOr(body, "calendarId", DEFAULT_CALENDAR), textOr(body, "title", "Appointment"),
                textOr(body, "appointmentStatus", textOr(body, "status", "confirmed")), Json.text(body, "assignedUserId"),
                Json.text(body, "notes"), Json.text(body, "address"), required(body, "startTime"), required(body, "endTime"),
                textOr(body, "source", "sandbox"), TagSet.strings(body.get("users")), now, now);
    }

    Appointment update(JsonNode body, long now) {
        List<String> nextUsers = body.has("users") ? TagSet.strings(body.get("users")) : users;
        return new Appointment(id, locationId, contactId, textOr(body, "calendarId", calendarId), textOr(body, "title", title),
                textOr(body, "appointmentStatus", textOr(body, "status", status)), textOr(body, "assignedUserId", assignedUserId),
                textOr(body, "notes", notes), textOr(body, "address", address), textOr(body, "startTime", startTime),
                textOr(body, "endTime", endTime), source, nextUsers, dateAdded, now);
    }

    /** GetEventSchema. */
    ObjectNode toJson() {
        ObjectNode out = common();
        out.put("status", status);
        out.put("locationId", locationId);
        out.set("assignedResources", Json.array());
        return out;
    }

    /** Appointment* webhook body: {@code {type, locationId, appointment: {...}}}. */
    ObjectNode event(String type) {
        ObjectNode out = Json.object();
        out.put("type", type);
        out.put("locationId", locationId);
        ObjectNode appointment = common();
        appointment.put("source", source);
        out.set("appointment", appointment);
        return out;
    }

    private ObjectNode common() {
        ObjectNode out = Json.object();
        out.put("id", id);
        Json.putIfPresent(out, "address", address);
        Json.putIfPresent(out, "title", title);
        out.put("calendarId", calendarId);
        out.put("contactId", contactId);
        out.put("groupId", calendarId);
        out.put("appointmentStatus", status);
        Json.putIfPresent(out, "assignedUserId", assignedUserId);
        out.set("users", Json.array(new ArrayList<>(users)));
        Json.putIfPresent(out, "notes", notes);
        out.put("startTime", startTime);
        out.put("endTime", endTime);
        out.put("dateAdded", SandboxClock.iso(dateAdded));
        out.put("dateUpdated", SandboxClock.iso(dateUpdated));
        return out;
    }

    private static String textOr(JsonNode body, String field, String fallback) {
        String value = Json.text(body, field);
        return value == null ? fallback : value;
    }

    private static String required(JsonNode body, String field) {
        String value = Json.text(body, field);
        if (value == null || !BodyRules.isIsoDateTime(value)) {
            throw new IllegalArgumentException(field + " is required, as an ISO-8601 date-time");
        }
        return value;
    }
}
