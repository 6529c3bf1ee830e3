package io.ghlsync.intake;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Real HTTP to the test webhook route, and waiting with a deadline (never a fixed sleep). */
final class IntakeHttp {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private IntakeHttp() {
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static String lead(String eventId, String leadId, String type, String email) {
        return "{\"eventId\":\"" + eventId + "\",\"leadId\":\"" + leadId + "\",\"type\":\"" + type + "\","
                + "\"contact\":{\"email\":\"" + email + "\",\"firstName\":\"Test\",\"createNewIfDuplicateAllowed\":true}}";
    }

    static HttpResponse<String> post(int port, String body) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/test"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("X-Delivery", "delivery-1")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static String get(int port, String path) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /** Polls {@code condition} until it holds or {@code timeout} passes; false on timeout. */
    static boolean await(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (condition.getAsBoolean()) {
                    return true;
                }
            } catch (RuntimeException e) {
                // not ready yet (e.g. the process is still starting)
            }
            Thread.sleep(50); // a polling interval, not a timing assertion
        }
        return condition.getAsBoolean();
    }
}
