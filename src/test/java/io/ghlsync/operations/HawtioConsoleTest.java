package io.ghlsync.operations;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hawtio, served from the war in the engine's JVM: the console page, its Jolokia behind the admin credentials outside
 * sandbox mode, and the restrictive jolokia-access.xml (read only; no write, no exec but the read-only operations the console draws with, no DiagnosticCommand).
 */
class HawtioConsoleTest extends HawtioTestSupport {

    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void theConsolePageIsServed() throws Exception {
        HttpResponse<String> page = get("/hawtio/", null);
        // the single-page console loads without credentials and shows its login form, which the API calls need
        assertThat(page.statusCode()).as(page.headers().toString()).isIn(200, 302);
        HttpResponse<String> app = get("/hawtio/index.html", null);
        assertThat(app.statusCode()).isEqualTo(200);
        assertThat(app.body()).containsIgnoringCase("hawtio");
    }

    @Test
    void jolokiaWithoutCredentialsIs401() throws Exception {
        assertThat(get("/hawtio/jolokia/version", null).statusCode()).isEqualTo(401);
        assertThat(get("/hawtio/jolokia/version", basic(USER, "wrong")).statusCode()).isIn(401, 403);
        assertThat(get("/hawtio/jolokia/read/org.apache.camel:*", null).statusCode()).isEqualTo(401);
    }

    @Test
    void withCredentialsTheCamelRoutesCanBeRead() throws Exception {
        JsonNode routes = jolokia(get("/hawtio/jolokia/search/org.apache.camel:type=routes,*", basic(USER, PASSWORD)));
        assertThat(routes.get("status").asInt()).isEqualTo(200);
        assertThat(routes.get("value").toString()).contains("dead-letters").contains("admin-dead-letters-list");
    }

    @Test
    void execAndWriteAreRefusedEvenWithCredentials() throws Exception {
        String route = "org.apache.camel:context=" + context.getManagementName() + ",type=routes,name=\"dead-letters\"";
        JsonNode exec = post("{\"type\":\"exec\",\"mbean\":\"" + route.replace("\"", "\\\"") + "\",\"operation\":\"stop()\"}");
        assertThat(exec.get("status").asInt()).isEqualTo(403);
        assertThat(context.getRouteController().getRouteStatus("dead-letters").isStarted()).as("the route still runs").isTrue();
        JsonNode dump = post("{\"type\":\"exec\",\"mbean\":\"" + route.replace("\"", "\\\"") + "\",\"operation\":\"dumpRouteAsXml()\"}");
        assertThat(dump.get("status").asInt()).as("the read-only dump for the route diagram is allowed").isEqualTo(200);
        assertThat(dump.get("value").asText()).contains("dead-letters");
        JsonNode write = post("{\"type\":\"write\",\"mbean\":\"" + route.replace("\"", "\\\"")
                + "\",\"attribute\":\"Tracing\",\"value\":true}");
        assertThat(write.get("status").asInt()).isEqualTo(403);
        JsonNode recordings = post("{\"type\":\"read\",\"mbean\":\"jdk.management.jfr:type=FlightRecorder\",\"attribute\":\"Recordings\"}");
        assertThat(recordings.get("status").asInt()).as("FlightRecorder is denied even for reading").isEqualTo(403);
        JsonNode vmFlags = post("{\"type\":\"read\",\"mbean\":\"com.sun.management:type=HotSpotDiagnostic\",\"attribute\":\"DiagnosticOptions\"}");
        assertThat(vmFlags.get("status").asInt()).isEqualTo(403);
        JsonNode heap = post("{\"type\":\"read\",\"mbean\":\"java.lang:type=Memory\",\"attribute\":\"HeapMemoryUsage\"}");
        assertThat(heap.get("status").asInt()).as("reading is allowed").isEqualTo(200);
    }

    @Test
    void noMBeanAttributeShowsTheTokenOrTheAdminPassword() throws Exception {
        for (String domain : new String[] {"org.apache.camel", "java.lang", "hawtio"}) {
            HttpResponse<String> all = get("/hawtio/jolokia/read/" + domain + ":*", basic(USER, PASSWORD));
            assertThat(all.statusCode()).isEqualTo(200);
            assertThat(all.body()).as(domain).contains("\"status\":200").doesNotContain("sandbox-token").doesNotContain(PASSWORD);
        }
    }

    private JsonNode post(String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri("/hawtio/jolokia/")).timeout(Duration.ofSeconds(30))
                .header("Authorization", basic(USER, PASSWORD)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return jolokia(client.send(request, HttpResponse.BodyHandlers.ofString()));
    }

    private JsonNode jolokia(HttpResponse<String> response) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create(hawtioUrl() + path.substring("/hawtio/".length()));
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
