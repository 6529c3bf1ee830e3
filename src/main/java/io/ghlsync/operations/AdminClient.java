package io.ghlsync.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The running engine's admin API, from another process (the {@code dlq} command): the embedded database serves one
 * process, so the command asks the engine rather than opening the file. A refusal or an unreachable engine is an
 * {@link AdminClientException} with a one-line reason.
 */
public final class AdminClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final String authorization;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** @param user and {@code password} may be null (the sandbox's open admin API) */
    public AdminClient(String baseUrl, String user, String password) {
        String url = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        try {
            this.base = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new AdminClientException("--url is not a URL: " + baseUrl);
        }
        if (base.getScheme() == null || !base.getScheme().startsWith("http")) {
            throw new AdminClientException("--url must be an http(s) URL such as http://localhost:8080, not " + baseUrl);
        }
        this.authorization = user == null || password == null ? null : "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Sends a request to {@code /admin/...} and returns the JSON answer of a 2xx; anything else throws. */
    public JsonNode call(String method, String path, Map<String, String> query, Duration timeout) {
        StringJoiner q = new StringJoiner("&", "?", "").setEmptyValue("");
        query.forEach((k, v) -> q.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        URI uri = URI.create(base + path + q);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
                .method(method, HttpRequest.BodyPublishers.noBody()).header("Accept", "application/json");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new AdminClientException("engine not reachable at " + base + " (connection refused): is `ghl-sync run` running?");
        } catch (HttpTimeoutException e) {
            throw new AdminClientException("engine at " + base + " did not answer within " + timeout.toSeconds() + " s");
        } catch (IOException e) {
            throw new AdminClientException("engine not reachable at " + base + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AdminClientException("interrupted");
        }
        JsonNode body = parse(response.body());
        if (response.statusCode() / 100 == 2 && body != null) {
            return body;
        }
        String reason = body != null && body.hasNonNull("error") ? body.get("error").asText()
                : response.statusCode() / 100 == 2 ? "the answer is not JSON" : "no reason given";
        String field = body != null && body.hasNonNull("field") ? " (" + body.get("field").asText() + ")" : "";
        throw new AdminClientException("HTTP " + response.statusCode() + ": " + reason + field, response.statusCode(), body);
    }

    private static JsonNode parse(String text) {
        try {
            return text == null || text.isBlank() ? null : JSON.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }
}
