package io.ghlsync.ghl;

/**
 * The GHL webhook events ghl-sync receives at {@code POST /webhooks/ghl} (docs/webhook-events), with the scope
 * docs/oauth/Scopes.md ties them to. Scopes.md names no scope for appointment events; GHL's calendar events scope is
 * the one that grants appointments, so that is what is listed.
 */
public enum GhlWebhookEvent {
    CONTACT_CREATE("ContactCreate", "contacts.readonly"),
    CONTACT_UPDATE("ContactUpdate", "contacts.readonly"),
    CONTACT_DELETE("ContactDelete", "contacts.readonly"),
    CONTACT_DND_UPDATE("ContactDndUpdate", "contacts.readonly"),
    CONTACT_TAG_UPDATE("ContactTagUpdate", "contacts.readonly"),
    NOTE_CREATE("NoteCreate", "contacts.readonly"),
    NOTE_UPDATE("NoteUpdate", "contacts.readonly"),
    NOTE_DELETE("NoteDelete", "contacts.readonly"),
    TASK_CREATE("TaskCreate", "contacts.readonly"),
    TASK_COMPLETE("TaskComplete", "contacts.readonly"),
    TASK_DELETE("TaskDelete", "contacts.readonly"),
    APPOINTMENT_CREATE("AppointmentCreate", "calendars/events.readonly"),
    APPOINTMENT_UPDATE("AppointmentUpdate", "calendars/events.readonly"),
    APPOINTMENT_DELETE("AppointmentDelete", "calendars/events.readonly");

    /** Where GHL posts these events to ghl-sync. */
    public static final String RECEIVER_PATH = "/webhooks/ghl";

    private final String type;
    private final String scope;

    GhlWebhookEvent(String type, String scope) {
        this.type = type;
        this.scope = scope;
    }

    public String type() {
        return type;
    }

    public String scope() {
        return scope;
    }
}
