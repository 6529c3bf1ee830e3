package io.ghlsync.sources.clientjoy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ghlsync.sandbox.ghl.GhlSandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/** The GHL sandbox through its API, as any client would use it: every contact, a business's, and single calls. */
final class GhlClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String baseUrl;

    GhlClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** Every contact of the sandbox location, paged with startAfter/startAfterId. */
    List<JsonNode> contacts() {
        List<JsonNode> out = new ArrayList<>();
        String after = "";
        while (true) {
            JsonNode page = get("/contacts/?locationId=" + GhlSandbox.DEFAULT_LOCATION_ID + "&limit=100" + after);
            page.get("contacts").forEach(out::add);
            if (page.get("contacts").size() < 100) {
                return out;
            }
            after = "&startAfter=" + page.at("/meta/startAfter").asText() + "&startAfterId=" + page.at("/meta/startAfterId").asText();
        }
    }

    /** The ids of one business's contacts. */
    List<String> businessContactIds(String businessId) {
        List<String> out = new ArrayList<>();
        for (int skip = 0; ; skip += 100) {
            JsonNode page = get("/contacts/business/" + businessId + "?locationId=" + GhlSandbox.DEFAULT_LOCATION_ID
                    + "&limit=100&skip=" + skip);
            page.get("contacts").forEach(c -> out.add(c.get("id").asText()));
            if (page.get("contacts").size() < 100) {
                return out;
            }
        }
    }

    private JsonNode get(String path) {
        return send("GET", path, null);
    }

    /** One call; anything but a 2xx fails the test with GHL's answer. */
    JsonNode send(String method, String path, String json) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + GhlSandbox.DEFAULT_TOKEN).header("Version", "2021-07-28").build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(method + " " + path + ": HTTP " + response.statusCode() + " " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
