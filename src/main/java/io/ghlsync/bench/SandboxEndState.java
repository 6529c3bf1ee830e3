package io.ghlsync.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ghlsync.sandbox.clientjoy.ClientjoySandbox;
import io.ghlsync.sandbox.ghl.GhlSandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the sandboxes hold after a run, read through their HTTP APIs as an operator would (GHL with the location's
 * token, Clientjoy with its API key and its control API's counts): the crash scenario and the soak judge "nothing
 * lost, nothing duplicated" from this, never from the engine's own counters. Read with the sandboxes' faults off.
 */
public final class SandboxEndState {

    /** A {@link LeadFeed} run in GHL: per lead, its contact (by email), the run's tag, its note and its task. */
    public record Leads(int leads, int contacts, int duplicateContacts, int tagged, int notes, int duplicateNotes,
            int tasks, int duplicateTasks, List<String> incomplete) {

        /** Every lead's contact, tag, note and task exactly once. */
        public boolean exactlyOnce() {
            return contacts == leads && tagged == leads && notes == leads && tasks == leads && duplicates() == 0;
        }

        public int duplicates() {
            return duplicateContacts + duplicateNotes + duplicateTasks;
        }

        /** Records (contact, note, task per lead) found once. */
        public int delivered() {
            return contacts + notes + tasks;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d leads: %d contacts (%d extra), %d tagged, %d notes (%d extra), %d tasks (%d extra)%s",
                    leads, contacts, duplicateContacts, tagged, notes, duplicateNotes, tasks, duplicateTasks,
                    incomplete.isEmpty() ? "" : "; not exactly once: " + String.join(", ", incomplete));
        }
    }

    /** Clientjoy: clients, how many external ids appear twice, and the activity counts of its control API. */
    public record Clientjoy(Set<String> externalIds, int duplicateClients, int clients, int clientsCreated, int tasks,
            int notes, int activities) {

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d clients (%d external ids twice, %d creates), %d tasks, %d notes, %d activities",
                    clients, duplicateClients, clientsCreated, tasks, notes, activities);
        }
    }

    /** A GHL location's record counts, from the sandbox's control API. */
    public record GhlTotals(long contacts, long tasks, long notes, long appointments) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final String locationId;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** {@code baseUrl}: the sandbox server's root (its GHL is under /ghl, Clientjoy under /clientjoy). */
    public SandboxEndState(String baseUrl) {
        this.baseUrl = baseUrl;
        this.locationId = GhlSandbox.DEFAULT_LOCATION_ID;
    }

    /** Every contact of the location, paged with startAfter/startAfterId as the list operation documents. */
    public List<JsonNode> ghlContacts() {
        List<JsonNode> out = new ArrayList<>();
        String after = "";
        while (true) {
            JsonNode page = ghl("/contacts/?locationId=" + locationId + "&limit=100" + after);
            page.get("contacts").forEach(out::add);
            if (page.get("contacts").size() < 100) {
                return out;
            }
            after = "&startAfter=" + page.at("/meta/startAfter").asText() + "&startAfterId=" + page.at("/meta/startAfterId").asText();
        }
    }

    /** Leads {@code 0 .. count-1} of a feed's run, as GHL holds them. */
    public Leads leads(LeadFeed feed, int count) {
        Map<String, List<JsonNode>> byEmail = new HashMap<>();
        for (JsonNode contact : ghlContacts()) {
            String email = contact.path("email").asText("").toLowerCase(Locale.ROOT);
            byEmail.computeIfAbsent(email, k -> new ArrayList<>()).add(contact);
        }
        int contacts = 0;
        int duplicateContacts = 0;
        int tagged = 0;
        int notes = 0;
        int duplicateNotes = 0;
        int tasks = 0;
        int duplicateTasks = 0;
        List<String> incomplete = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            List<JsonNode> found = byEmail.getOrDefault(feed.email(i), List.of());
            if (found.isEmpty()) {
                note(incomplete, feed.leadId(i) + " (no contact)");
                continue;
            }
            contacts++;
            duplicateContacts += found.size() - 1;
            String id = found.get(0).get("id").asText();
            JsonNode contact = ghl("/contacts/" + id).path("contact");
            if (texts(contact.path("tags"), null).contains(feed.tag())) {
                tagged++;
            }
            int n = occurrences(ghl("/contacts/" + id + "/notes").path("notes"), "body", feed.noteBody(i));
            notes += Math.min(n, 1);
            duplicateNotes += Math.max(0, n - 1);
            int t = occurrences(ghl("/contacts/" + id + "/tasks").path("tasks"), "title", feed.taskTitle(i));
            tasks += Math.min(t, 1);
            duplicateTasks += Math.max(0, t - 1);
            if (found.size() != 1 || n != 1 || t != 1) {
                note(incomplete, feed.leadId(i) + " (" + found.size() + " contacts, " + n + " notes, " + t + " tasks)");
            }
        }
        return new Leads(count, contacts, duplicateContacts, tagged, notes, duplicateNotes, tasks, duplicateTasks, incomplete);
    }

    /** Clientjoy's clients (every external id, through its API's pages) and its record counts. */
    public Clientjoy clientjoy() {
        Set<String> ids = new HashSet<>();
        int duplicates = 0;
        int clients = 0;
        String cursor = null;
        do {
            JsonNode page = get(baseUrl + "/clientjoy/clients?limit=100" + (cursor == null ? "" : "&cursor=" + cursor),
                    "X-Api-Key", ClientjoySandbox.DEFAULT_API_KEY);
            for (JsonNode client : page.get("clients")) {
                clients++;
                if (!ids.add(client.path("external_id").asText())) {
                    duplicates++;
                }
            }
            cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asText(null);
        } while (cursor != null);
        JsonNode overview = get(baseUrl + "/_sandbox/clientjoy/", null, null);
        int created = get(baseUrl + "/_sandbox/clientjoy/stats", null, null).at("/writes/client.created").asInt();
        return new Clientjoy(ids, duplicates, clients, created, overview.path("tasks").asInt(), overview.path("notes").asInt(),
                overview.path("activities").asInt());
    }

    public GhlTotals ghlTotals() {
        JsonNode location = get(baseUrl + "/_sandbox/ghl/locations/" + locationId, null, null);
        return new GhlTotals(location.path("contacts").asLong(), location.path("tasks").asLong(),
                location.path("notes").asLong(), location.path("appointments").asLong());
    }

    private JsonNode ghl(String path) {
        return get(baseUrl + "/ghl" + path, "Authorization", "Bearer " + GhlSandbox.DEFAULT_TOKEN);
    }

    private JsonNode get(String url, String header, String value) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Version", "2021-07-28").GET();
        if (header != null) {
            request.header(header, value);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("GET " + url + ": HTTP " + response.statusCode() + " " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The first 20 leads that are not exactly once, named for whoever investigates. */
    private static void note(List<String> incomplete, String lead) {
        if (incomplete.size() < 20) {
            incomplete.add(lead);
        }
    }

    private static int occurrences(JsonNode array, String field, String text) {
        int n = 0;
        for (JsonNode item : array) {
            if (item.path(field).asText().equals(text)) {
                n++;
            }
        }
        return n;
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(item -> out.add(field == null ? item.asText() : item.path(field).asText()));
        return out;
    }
}
