package io.ghlsync.sandbox.cliengo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ghlsync.sandbox.SandboxServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** A sandbox on a random port and a real HTTP client speaking the Cliengo contract to it (JSON, X-Api-Key). */
final class CliengoClient implements AutoCloseable {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final String KEY = CliengoSandbox.DEFAULT_API_KEY;

    record Answer(int status, JsonNode json) {
    }

    final SandboxServer server = new SandboxServer(0).start();
    final CliengoSandbox cliengo = server.cliengo();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    Answer api(String method, String path, String body) {
        return call(method, "/cliengo" + path, KEY, body);
    }

    Answer control(String method, String path, String body) {
        return call(method, "/_sandbox/cliengo" + path, null, body);
    }

    Answer call(String method, String path, String apiKey, String body) {
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

    /** Polls until the condition holds or the deadline passes (no fixed sleeps as assertions). */
    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(20);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
