package io.ghlsync.sandbox.ghl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ghlsync.sandbox.SandboxServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** A sandbox on a random port and a real HTTP client speaking to it the way the engine will (JSON, Bearer, Version). */
final class SandboxHttp implements AutoCloseable {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final String LOCATION = GhlSandbox.DEFAULT_LOCATION_ID;
    static final String TOKEN = GhlSandbox.DEFAULT_TOKEN;

    /** One answer: status, headers, raw body and its JSON (null when the body is not JSON). */
    record Answer(int status, HttpHeaders headers, String raw, JsonNode json) {
        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    final SandboxServer server;
    final GhlSandbox ghl;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private SandboxHttp(SandboxServer server) {
        this.server = server;
        this.ghl = server.ghl();
    }

    static SandboxHttp start() {
        return new SandboxHttp(new SandboxServer(0).start());
    }

    String ghlBase() {
        return "http://127.0.0.1:" + server.port() + "/ghl";
    }

    Answer get(String path) {
        return call("GET", path, TOKEN, null);
    }

    Answer post(String path, Object body) {
        return call("POST", path, TOKEN, body);
    }

    Answer put(String path, Object body) {
        return call("PUT", path, TOKEN, body);
    }

    Answer delete(String path, Object body) {
        return call("DELETE", path, TOKEN, body);
    }

    /** A GHL API call with this token (null: no Authorization header), Version 2021-07-28, JSON body. */
    Answer call(String method, String path, String token, Object body) {
        return send(method, ghlBase() + path, token == null ? Map.of("Version", "2021-07-28")
                : Map.of("Version", "2021-07-28", "Authorization", "Bearer " + token), body);
    }

    Answer control(String method, String path, Object body) {
        return send(method, "http://127.0.0.1:" + server.port() + "/_sandbox/ghl" + path, Map.of(), body);
    }

    /** A form-encoded POST, as the OAuth endpoints take. */
    Answer form(String path, String token, Map<String, String> fields) {
        StringBuilder form = new StringBuilder();
        fields.forEach((k, v) -> form.append(form.length() == 0 ? "" : "&").append(enc(k)).append('=').append(enc(v)));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(ghlBase() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString()));
        if (token != null) {
            request.header("Authorization", "Bearer " + token).header("Version", "2021-07-28");
        }
        return exchange(request.build());
    }

    Answer send(String method, String url, Map<String, String> headers, Object body) {
        byte[] bytes = body == null ? null : body instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : json(body);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .method(method, bytes == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(bytes));
        if (bytes != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        return exchange(request.build());
    }

    private Answer exchange(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode json;
            try {
                json = response.body().isEmpty() ? null : MAPPER.readTree(response.body());
            } catch (IOException e) {
                json = null;
            }
            return new Answer(response.statusCode(), response.headers(), response.body(), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Creates a contact through the API and returns its id. */
    String createContact(Map<String, Object> fields) {
        ObjectNode body = MAPPER.valueToTree(fields);
        body.put("locationId", LOCATION);
        Answer answer = post("/contacts/", body);
        if (answer.status() != 201) {
            throw new AssertionError("create-contact answered " + answer.status() + " " + answer.raw());
        }
        return answer.json().path("contact").path("id").asText();
    }

    static byte[] json(Object body) {
        try {
            return MAPPER.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode obj(Object... keyValues) {
        ObjectNode node = MAPPER.createObjectNode();
        for (int i = 0; i < keyValues.length; i += 2) {
            node.set((String) keyValues[i], MAPPER.valueToTree(keyValues[i + 1]));
        }
        return node;
    }

    /** Waits for an asynchronous outcome without a fixed sleep: polls until true or the deadline passes. */
    static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.onSpinWait();
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
    }

    private static String enc(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.close();
    }
}
