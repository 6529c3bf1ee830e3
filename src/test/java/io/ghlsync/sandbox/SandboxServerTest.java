package io.ghlsync.sandbox;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The server mounts each sandbox under /name and its controls under /_sandbox/name, on a port it reports. */
class SandboxServerTest {

    private final HttpClient http = HttpClient.newHttpClient();

    /** A stand-in for the Cliengo or Clientjoy sandbox that will join later. */
    static final class EchoApp implements SandboxApp {
        @Override
        public String name() {
            return "echo";
        }

        @Override
        public Router apiRouter(Vertx vertx) {
            Router router = Router.router(vertx);
            router.get("/ping").handler(ctx -> ctx.response().end("pong"));
            return router;
        }

        @Override
        public Router controlRouter(Vertx vertx) {
            Router router = Router.router(vertx);
            router.get("/state").handler(ctx -> ctx.response().end("fine"));
            return router;
        }
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void mountsEverySandboxAndItsControlsOnOneRandomPort() throws Exception {
        String base;
        try (SandboxServer server = new SandboxServer(0).add(new EchoApp()).start()) {
            assertThat(server.port()).isPositive();
            base = "http://127.0.0.1:" + server.port();
            assertThat(server.ghlBaseUrl()).isEqualTo("http://localhost:" + server.port() + "/ghl");
            assertThat(get(base + "/echo/ping").body()).isEqualTo("pong");
            assertThat(get(base + "/_sandbox/echo/state").body()).isEqualTo("fine");
            assertThat(get(base + "/_sandbox/ghl/").statusCode()).isEqualTo(200);
            HttpResponse<String> unknown = get(base + "/elsewhere");
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(unknown.body()).contains("\"statusCode\":404");
            assertThatThrownBy(() -> server.add(new EchoApp())).isInstanceOf(IllegalStateException.class);
        }
        String closed = base;
        assertThatThrownBy(() -> get(closed + "/echo/ping")).isInstanceOf(ConnectException.class);
    }

    @Test
    void refusesTwoSandboxesUnderOneName() {
        SandboxServer server = new SandboxServer(0).add(new EchoApp());
        assertThatThrownBy(() -> server.add(new EchoApp())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("/echo");
        assertThatThrownBy(() -> new SandboxServer(70_000)).isInstanceOf(IllegalArgumentException.class);
    }
}
