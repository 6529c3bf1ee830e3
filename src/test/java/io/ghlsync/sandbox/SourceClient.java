package io.ghlsync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A sandbox on a random port and a real HTTP client speaking one source look-alike's contract to it (JSON, an API key
 * header): {@code api} calls under {@code /<name>}, {@code control} under {@code /_sandbox/<name>}.
 */
public class SourceClient implements AutoCloseable {

    public static final ObjectMapper MAPPER = new ObjectMapper();

    public record Answer(int status, JsonNode json) {
    }

    public final SandboxServer server = new SandboxServer(0).start();
    private final String name;
    private final String key;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    protected SourceClient(String name, String key) {
        this.name = name;
        this.key = key;
    }

    public Answer api(String method, String path, String body) {
        return call(method, "/" + name + path, key, body);
    }

    public Answer control(String method, String path, String body) {
        return call(method, "/_sandbox/" + name + path, null, body);
    }

    public Answer call(String method, String path, String apiKey, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (apiKey != null) {
            request.header("X-Api-Key", apiKey);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), MAPPER.readTree(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
