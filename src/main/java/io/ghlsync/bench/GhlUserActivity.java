package io.ghlsync.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ghlsync.sandbox.ghl.GhlSandbox;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Someone working in GHL while the engine runs: creates a contact, then a note and a task on it, through the GHL API
 * with the location's token, each call repeated until a 2xx (the sandbox's injected faults never reach its API, so a
 * repeat cannot write twice). GHL then posts its webhooks to the engine, which copies the records to Clientjoy.
 */
final class GhlUserActivity {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String ghlBaseUrl;
    private final String run;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final AtomicLong records = new AtomicLong();
    private final AtomicLong failedAttempts = new AtomicLong();

    GhlUserActivity(String ghlBaseUrl, String run) {
        this.ghlBaseUrl = ghlBaseUrl;
        this.run = run;
    }

    /** Contact i of this run with its note and task; three records. */
    void createContact(int i) {
        String email = run + ".ghl." + i + "@soak.example.com";
        String contact = send("POST", "/contacts/", "{\"locationId\":\"" + GhlSandbox.DEFAULT_LOCATION_ID
                + "\",\"firstName\":\"Soak " + i + "\",\"email\":\"" + email + "\"}");
        String contactId;
        try {
            contactId = JSON.readTree(contact).at("/contact/id").asText("");
        } catch (IOException e) {
            throw new IllegalStateException("GHL answered a contact create with no JSON: " + contact, e);
        }
        if (contactId.isEmpty()) {
            throw new IllegalStateException("GHL answered a contact create without an id: " + contact);
        }
        for (String path : List.of("/notes", "/tasks")) {
            send("POST", "/contacts/" + contactId + path, path.equals("/notes")
                    ? "{\"body\":\"soak note " + i + "\"}"
                    : "{\"title\":\"soak task " + i + "\",\"dueDate\":\"2030-01-02T10:00:00Z\",\"completed\":false}");
        }
        records.addAndGet(3);
    }

    long records() {
        return records.get();
    }

    long failedAttempts() {
        return failedAttempts.get();
    }

    private String send(String method, String path, String json) {
        long backoff = 100;
        for (int attempt = 1; ; attempt++) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(ghlBaseUrl + path)).timeout(Duration.ofSeconds(15))
                    .method(method, HttpRequest.BodyPublishers.ofString(json)).header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + GhlSandbox.DEFAULT_TOKEN).header("Version", "2021-07-28").build();
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() / 100 == 2 && response.body().startsWith("{") && response.body().endsWith("}")) {
                    return response.body();
                }
                if (response.statusCode() / 100 == 4 && response.statusCode() != 429) {
                    throw new IllegalStateException(method + " " + path + ": HTTP " + response.statusCode() + " " + response.body());
                }
            } catch (IOException e) {
                // an injected reset: the request never reached GHL's API, so it is sent again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            failedAttempts.incrementAndGet();
            if (attempt >= 30) {
                throw new IllegalStateException(method + " " + path + " failed " + attempt + " times");
            }
            Pause.millis(backoff);
            backoff = Math.min(2_000, backoff * 2);
        }
    }
}
