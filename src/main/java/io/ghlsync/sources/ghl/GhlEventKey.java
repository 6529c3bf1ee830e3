package io.ghlsync.sources.ghl;

import com.fasterxml.jackson.databind.JsonNode;
import io.ghlsync.intake.WebhookGate;
import io.ghlsync.intake.WebhookRejection;

/**
 * The inbox ordering key of a GHL webhook event: the contact it is about, so that one contact's events are applied in
 * the order GHL sent them. Contact events name the contact in {@code id}, notes and tasks in {@code contactId},
 * appointments in {@code appointment.contactId}. GHL sends some {@code TaskCreate} events without a {@code contactId};
 * those are kept (not refused: GHL would not send them again) under {@code task:<taskId>}, so the events of that task
 * stay in order with one another, and whoever applies them finds the task's contact later (docs/ghl-webhooks.md).
 */
final class GhlEventKey {

    private GhlEventKey() {
    }

    static String of(JsonNode event) {
        String type = event.path("type").asText("");
        String contactId = type.startsWith("Contact") ? text(event, "id")
                : type.startsWith("Appointment") ? text(event.path("appointment"), "contactId")
                : text(event, "contactId");
        if (contactId != null) {
            return WebhookGate.checkId(contactId, type.startsWith("Contact") ? "id" : "contactId");
        }
        String recordId = type.startsWith("Appointment") ? text(event.path("appointment"), "id") : text(event, "id");
        if (recordId == null) {
            throw new WebhookRejection(400, "the event names neither its contact nor its own id", type.startsWith("Contact") ? "id" : "contactId");
        }
        return kind(type) + ":" + WebhookGate.checkId(recordId, "id");
    }

    /** task, note, appointment...: the record kind a type names, lower case ("TaskCreate" -> "task"). */
    private static String kind(String type) {
        for (String verb : new String[] {"Create", "Update", "Delete", "Complete"}) {
            if (type.endsWith(verb) && type.length() > verb.length()) {
                return type.substring(0, type.length() - verb.length()).toLowerCase(java.util.Locale.ROOT);
            }
        }
        return "event";
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }
}
