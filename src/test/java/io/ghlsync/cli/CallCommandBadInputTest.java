package io.ghlsync.cli;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad arguments to {@code call} are named in one line on stderr, exit non-zero, and send nothing to GHL. */
class CallCommandBadInputTest {

    private HttpServer ghl;
    private final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void pointAtACountingServer() throws IOException {
        ghl = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        ghl.createContext("/", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        ghl.start();
        System.setProperty("ghl.base-url", "http://127.0.0.1:" + ghl.getAddress().getPort());
        System.setProperty("ghl.location-id", "loc-1");
        System.setProperty("ghl.token", "pit-token");
    }

    @AfterEach
    void stop() {
        ghl.stop(0);
        System.clearProperty("ghl.base-url");
        System.clearProperty("ghl.location-id");
        System.clearProperty("ghl.token");
    }

    @Test
    void unknownOperationId() {
        CommandRun run = CommandRun.of("call", "get-everything");
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("unknown operationId 'get-everything'");
        assertThat(requests).hasValue(0);
    }

    @Test
    void missingRequiredPathParameter() {
        CommandRun run = CommandRun.of("call", "get-task", "--param", "contactId=c1");
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("needs --param taskId");
        assertThat(requests).hasValue(0);
    }

    @Test
    void parameterTheOperationDoesNotTake() {
        CommandRun run = CommandRun.of("call", "get-contact", "--param", "contactId=c1", "--param", "colour=red");
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("has no parameter 'colour'").contains("contactId");
        assertThat(requests).hasValue(0);
    }

    @Test
    void bodyFileThatIsNotJson(@TempDir Path dir) throws IOException {
        Path body = Files.writeString(dir.resolve("contact.json"), "{\"firstName\": \"Ana\",\n  \"email\": }");
        CommandRun run = CommandRun.of("call", "upsert-contact", "--body", body.toString());
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("is not valid JSON").contains("line 2");
        assertThat(run.err().lines().count()).isEqualTo(1);
        assertThat(requests).hasValue(0);
    }

    @Test
    void bodyFileThatDoesNotExist(@TempDir Path dir) {
        CommandRun run = CommandRun.of("call", "upsert-contact", "--body", dir.resolve("missing.json").toString());
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("body file not found");
        assertThat(requests).hasValue(0);
    }

    @Test
    void bodyForAnOperationWithoutOne(@TempDir Path dir) throws IOException {
        Path body = Files.writeString(dir.resolve("b.json"), "{}");
        CommandRun run = CommandRun.of("call", "get-contact", "--param", "contactId=c1", "--body", body.toString());
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("takes no request body");
        assertThat(requests).hasValue(0);
    }

    @Test
    void anErrorStatusFromGhlExitsNonZeroAndPrintsTheStatus() {
        CommandRun run = CommandRun.of("call", "get-contact", "--param", "contactId=c1");
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.out()).contains("HTTP 500");
        assertThat(requests.get()).isPositive();
    }
}
