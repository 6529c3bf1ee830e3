package io.ghlsync.ghl.contract;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * An HTTP proxy between the component and the sandbox that keeps every request and answer as they crossed the wire,
 * so the contract test validates real traffic, not what either side believes it sent.
 */
final class RecordingProxy implements AutoCloseable {

    /** One request and its answer; the path is relative to the GHL base URL, as the spec's paths are. */
    record Interaction(String method, String path, String query, Map<String, List<String>> requestHeaders, byte[] requestBody,
            int status, Map<String, List<String>> responseHeaders, byte[] responseBody) {
    }

    private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "host", "transfer-encoding", "upgrade",
            "keep-alive", "expect");

    private final HttpServer server;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String target;
    private final List<Interaction> interactions = new CopyOnWriteArrayList<>();

    /** Forwards {@code http://localhost:<port>/...} to {@code targetBaseUrl + /...}. */
    RecordingProxy(String targetBaseUrl) throws IOException {
        this.target = targetBaseUrl.endsWith("/") ? targetBaseUrl.substring(0, targetBaseUrl.length() - 1) : targetBaseUrl;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/", this::forward);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Interaction> interactions() {
        return List.copyOf(interactions);
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] requestBody = exchange.getRequestBody().readAllBytes();
            URI uri = exchange.getRequestURI();
            String rawQuery = uri.getRawQuery();
            HttpRequest.Builder out = HttpRequest.newBuilder(URI.create(target + uri.getRawPath() + (rawQuery == null ? "" : "?" + rawQuery)))
                    .method(exchange.getRequestMethod(), requestBody.length == 0
                            ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(requestBody));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase())) {
                    values.forEach(v -> out.header(name, v));
                }
            });
            HttpResponse<byte[]> answer = client.send(out.build(), HttpResponse.BodyHandlers.ofByteArray());
            interactions.add(new Interaction(exchange.getRequestMethod(), uri.getPath(), uri.getQuery(),
                    Map.copyOf(exchange.getRequestHeaders()), requestBody, answer.statusCode(), answer.headers().map(), answer.body()));
            answer.headers().map().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase()) && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            exchange.sendResponseHeaders(answer.statusCode(), answer.body().length == 0 ? -1 : answer.body().length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(answer.body());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
