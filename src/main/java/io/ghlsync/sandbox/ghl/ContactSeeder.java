package io.ghlsync.sandbox.ghl;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fills a location with generated contacts (and their tasks, notes, appointments, businesses) straight into its
 * state, for backfill tests and demos. Seeded records are "already there": they fire no webhooks and use no rate
 * budget. Every fifth contact shares its dateAdded millisecond with its neighbours, so paging must break ties by id.
 */
public final class ContactSeeder {

    /** What to generate. */
    public record Plan(int contacts, int tasksPerContact, int notesPerContact, int appointmentsPerContact, int businesses) {
        public Plan {
            if (contacts < 0 || contacts > 1_000_000) {
                throw new IllegalArgumentException("contacts must be between 0 and 1,000,000");
            }
            if (tasksPerContact < 0 || notesPerContact < 0 || appointmentsPerContact < 0 || businesses < 0
                    || tasksPerContact > 100 || notesPerContact > 100 || appointmentsPerContact > 100 || businesses > 10_000) {
                throw new IllegalArgumentException("per-contact counts must be between 0 and 100, businesses between 0 and 10,000");
            }
        }
    }

    /** What was generated. */
    public record Result(int contacts, long tasks, long notes, long appointments, List<String> businessIds) {
    }

    private static final String[] FIRST = {"Ana", "Bruno", "Carla", "Diego", "Elena", "Facundo", "Gabriela", "Hugo", "Irene", "Julian"};
    private static final String[] LAST = {"Alvarez", "Benitez", "Castro", "Dominguez", "Espinoza", "Fernandez", "Gomez", "Herrera"};
    private static final String[] TAGS = {"lead", "customer", "webinar", "newsletter", "vip", "cliengo", "clientjoy"};

    private ContactSeeder() {
    }

    static Result seed(SandboxLocation location, Plan plan, long now) {
        List<String> businesses = new ArrayList<>();
        for (int i = 0; i < plan.businesses(); i++) {
            businesses.add(SandboxIds.next(24).toLowerCase(java.util.Locale.ROOT));
        }
        String leadSource = location.customFields().idFor("lead_source");
        long base = now - (plan.contacts() / 5L + 1) * 7 - 60_000;
        long tasks = 0;
        long notes = 0;
        long appointments = 0;
        String batch = SandboxIds.next(6).toLowerCase(java.util.Locale.ROOT);
        for (int i = 0; i < plan.contacts(); i++) {
            long added = base + (i / 5L) * 7;
            String first = FIRST[i % FIRST.length];
            String last = LAST[(i / FIRST.length) % LAST.length];
            ObjectNode fields = Json.object();
            fields.put("firstName", first);
            fields.put("lastName", last);
            fields.put("email", (first + "." + last + "." + batch + "." + i + "@example.com").toLowerCase(java.util.Locale.ROOT));
            // a valid New York number (212, exchange 2xx-9xx), so mappings that check phones accept seeded contacts
            fields.put("phone", "+1212" + (2_000_000 + (i + batch.hashCode() & 0x7fffffff) % 8_000_000));
            fields.put("source", "sandbox seed");
            fields.put("country", "US");
            if (!businesses.isEmpty()) {
                fields.put("businessId", businesses.get(i % businesses.size()));
            }
            Map<String, com.fasterxml.jackson.databind.JsonNode> custom = new LinkedHashMap<>();
            custom.put(leadSource, com.fasterxml.jackson.databind.node.TextNode.valueOf(i % 2 == 0 ? "website" : "referral"));
            String id = SandboxIds.next();
            Contact contact = new Contact(id, location.id(), added, added, fields,
                    TagSet.of(List.of(TAGS[i % TAGS.length], TAGS[(i * 3 + 1) % TAGS.length])), custom, List.of());
            location.contacts().load(contact);
            for (int t = 0; t < plan.tasksPerContact(); t++) {
                location.tasks().put(id, new Task(SandboxIds.next(), location.id(), id, "Follow up #" + (t + 1), "Call " + first,
                        null, SandboxClock.iso(added + (t + 1) * 86_400_000L), t % 2 == 1, added + t));
                tasks++;
            }
            for (int n = 0; n < plan.notesPerContact(); n++) {
                location.notes().put(id, new Note(SandboxIds.next(), location.id(), id, "Seeded note " + (n + 1) + " for " + first,
                        null, null, null, null, added + n));
                notes++;
            }
            for (int a = 0; a < plan.appointmentsPerContact(); a++) {
                long start = added + (a + 2) * 86_400_000L;
                location.appointments().put(id, new Appointment(SandboxIds.next(), location.id(), id, Appointment.DEFAULT_CALENDAR,
                        "Meeting with " + first, "confirmed", null, null, null, SandboxClock.iso(start),
                        SandboxClock.iso(start + 1_800_000), "sandbox seed", List.of(), added, added));
                appointments++;
            }
        }
        return new Result(plan.contacts(), tasks, notes, appointments, businesses);
    }
}
