package io.ghlsync.sandbox.ghl;

import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One GHL location (sub-account) and everything in it: contacts, their tasks, notes, appointments, campaign and
 * workflow memberships, custom fields, the "Allow Duplicate Contact" setting and the apps installed on it.
 */
public final class SandboxLocation {

    private final String id;
    private final String companyId;
    private final long createdAt;
    private volatile String name;
    private volatile String address;
    private volatile DuplicateRule duplicateRule = DuplicateRule.DEFAULT;
    private final ContactBook contacts;
    private final ContactRecords<Task> tasks = new ContactRecords<>(Task::id,
            Comparator.comparingLong(Task::dateAdded).thenComparing(Task::id));
    private final ContactRecords<Note> notes = new ContactRecords<>(Note::id,
            Comparator.comparingLong(Note::dateAdded).thenComparing(Note::id));
    private final ContactRecords<Appointment> appointments = new ContactRecords<>(Appointment::id,
            Comparator.comparing(Appointment::startTime).thenComparing(Appointment::id));
    private final CustomFieldRegistry customFields = new CustomFieldRegistry();
    private final Map<String, Set<String>> campaigns = new ConcurrentHashMap<>();
    /** contactId → workflowId → eventStartTime ("" when none was given). */
    private final Map<String, Map<String, String>> workflows = new ConcurrentHashMap<>();
    private final Map<String, Long> installedApps = new ConcurrentHashMap<>();

    SandboxLocation(String id, String companyId, String name, long createdAt) {
        this.id = id;
        this.companyId = companyId;
        this.name = name;
        this.address = "1 Sandbox Way, Localhost";
        this.createdAt = createdAt;
        this.contacts = new ContactBook(id);
    }

    public String id() {
        return id;
    }

    public String companyId() {
        return companyId;
    }

    public String name() {
        return name;
    }

    void name(String next) {
        this.name = next;
    }

    String address() {
        return address;
    }

    long createdAt() {
        return createdAt;
    }

    public DuplicateRule duplicateRule() {
        return duplicateRule;
    }

    void duplicateRule(DuplicateRule rule) {
        this.duplicateRule = rule;
    }

    ContactBook contacts() {
        return contacts;
    }

    ContactRecords<Task> tasks() {
        return tasks;
    }

    ContactRecords<Note> notes() {
        return notes;
    }

    ContactRecords<Appointment> appointments() {
        return appointments;
    }

    CustomFieldRegistry customFields() {
        return customFields;
    }

    Map<String, Set<String>> campaigns() {
        return campaigns;
    }

    Map<String, Map<String, String>> workflows() {
        return workflows;
    }

    /** appId → when it was installed here. */
    Map<String, Long> installedApps() {
        return installedApps;
    }

    public int contactCount() {
        return contacts.size();
    }

    /** Removes a contact and what hangs off it (tasks, notes, appointments, memberships). */
    java.util.Optional<Contact> deleteContact(String contactId) {
        java.util.Optional<Contact> removed = contacts.remove(contactId);
        removed.ifPresent(c -> {
            tasks.removeContact(contactId);
            notes.removeContact(contactId);
            appointments.removeContact(contactId);
            campaigns.remove(contactId);
            workflows.remove(contactId);
        });
        return removed;
    }
}
