package io.ghlsync.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The naive baseline: how a hand-built Zapier-style flow calls GHL. One GHL call per event, no aggregation, no
 * skip-unchanged, no bulk calls, a 429 retried after a fixed second, and no look at the X-RateLimit headers.
 * It is a client in bench/ rather than switches in the product because turning the engine into this would mean
 * switches that remove its guarantees (its throttle, its links) — options no operator should ever have.
 */
final class NaiveGhlClient {

    /** The fixed wait before a 429 is retried (the naive flow's "retry every second"). */
    static final Duration FIXED_RETRY = Duration.ofSeconds(1);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String locationId;
    private final String token;
    private final AtomicLong rateLimited = new AtomicLong();

    NaiveGhlClient(String ghlBaseUrl, String locationId, String token) {
        this.baseUrl = ghlBaseUrl;
        this.locationId = locationId;
        this.token = token;
    }

    /** lead.created: POST /contacts/ with the lead's tags; answers the new contact's id. */
    String createContact(String leadId, String name, List<String> tags) {
        ObjectNode body = JSON.createObjectNode().put("locationId", locationId).put("firstName", name)
                .put("email", CliengoWebhookClient.email(leadId));
        tags.forEach(body.putArray("tags")::add);
        return call("POST", "/contacts/", body).path("contact").path("id").asText();
    }

    /** lead.updated: POST /contacts/upsert, whether or not anything changed. */
    void upsertContact(String leadId, String name) {
        call("POST", "/contacts/upsert", JSON.createObjectNode().put("locationId", locationId).put("firstName", name)
                .put("email", CliengoWebhookClient.email(leadId)));
    }

    /** tags.added: POST /contacts/{id}/tags, one call per contact. */
    void addTags(String contactId, List<String> tags) {
        ObjectNode body = JSON.createObjectNode();
        tags.forEach(body.putArray("tags")::add);
        call("POST", "/contacts/" + contactId + "/tags", body);
    }

    /** note.added: POST /contacts/{id}/notes. */
    void createNote(String contactId, String text) {
        call("POST", "/contacts/" + contactId + "/notes", JSON.createObjectNode().put("body", text));
    }

    /** 429s this client met (each was retried after {@link #FIXED_RETRY}). */
    long rateLimited() {
        return rateLimited.get();
    }

    private JsonNode call(String method, String path, JsonNode body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Version", "2021-07-28")
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body.toString())).build();
        while (true) {
            HttpResponse<String> response = send(request);
            if (response.statusCode() == 429) {
                rateLimited.incrementAndGet();
                Pause.millis(FIXED_RETRY.toMillis());
                continue;
            }
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            try {
                return JSON.readTree(response.body());
            } catch (IOException e) {
                throw new IllegalStateException("unreadable answer to " + method + " " + path, e);
            }
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
