package io.ghlsync.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.ghlsync.GhlSyncConfiguration;
import io.ghlsync.Settings;
import io.ghlsync.sandbox.SandboxServer;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.ServiceStatus;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Route editing on a running engine, assembled by camel-main as {@code run} does (initial and override properties
 * from Settings), with reloading switched on as sandbox mode switches it on: an edited file in the routes folder is
 * reloaded; a broken one is reported with its file and line, and every other route keeps running.
 */
class RouteReloadTest {

    @TempDir
    Path work;

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private SandboxServer sandbox;
    private Main main;
    private Thread engine;

    @BeforeEach
    void start() throws Exception {
        log.start();
        root().addAppender(log);
        sandbox = new SandboxServer(0).start();
        Path routes = Files.createDirectories(work.resolve("routes"));
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                Files.copy(f, routes.resolve(f.getFileName()));
            }
        }
        Files.writeString(routes.resolve("probe.camel.yaml"), probe("v1"));
        String port = String.valueOf(freePort());
        Settings settings = Settings.load()
                .override("ghl.base-url", sandbox.ghlBaseUrl())
                .override("ghl.location-id", "sandbox-location")
                .override("ghl.token", "sandbox-token")
                .override("ghlsync.db.dir", work.resolve("data").toString())
                .override("ghlsync.sandbox", "true")
                .override("ghlsync.hawtio.enabled", "false")
                .override("camel.server.port", port)
                .override("camel.management.port", port)
                .override("camel.main.routes-include-pattern", "file:" + routes + "/*.yaml")
                .override("camel.main.routes-reload-directory", routes.toString())
                .override("camel.main.routes-reload-enabled", "true"); // what RunCommand sets in sandbox mode
        main = new Main();
        main.setInitialProperties(settings.forCamel());
        main.setOverrideProperties(settings.forCamel());
        main.configure().addConfiguration(new GhlSyncConfiguration(settings));
        engine = new Thread(() -> {
            try {
                main.run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "engine-under-test");
        engine.start();
        await("the engine started", Duration.ofSeconds(60),
                () -> main.getCamelContext() != null && main.getCamelContext().isStarted() && route("reload-probe"));
    }

    @AfterEach
    void stop() throws Exception {
        root().detachAppender(log);
        if (main != null) {
            main.completed();
            engine.join(30_000);
        }
        sandbox.close();
    }

    @Test
    void anEditedRouteIsReloadedAndABrokenOneIsReportedWhileTheOthersRun() throws Exception {
        ProducerTemplate template = main.getCamelContext().createProducerTemplate();
        assertThat(template.requestBody("direct:probe", "", String.class)).isEqualTo("v1");

        save(probe("v2"));
        await("the edited route answers v2", Duration.ofSeconds(30),
                () -> "v2".equals(template.requestBody("direct:probe", "", String.class)));

        // line 4 is indented wrongly: no longer YAML
        save("""
                - route:
                    id: reload-probe
                    from:
                   uri: direct:probe
                """);
        await("the broken file is reported with its line", Duration.ofSeconds(30), () -> report() != null);
        assertThat(report()).as(report()).contains("probe.camel.yaml").contains("line 4");

        CamelContext camel = main.getCamelContext();
        for (String route : new String[] {"dead-letters", "admin-dead-letters-list", "cliengo-webhooks", "cliengo-to-ghl"}) {
            assertThat(camel.getRouteController().getRouteStatus(route)).as(route).isEqualTo(ServiceStatus.Started);
        }
        template.close();
    }

    /** The warning about the broken file whose causes name a line (as the YAML parser does), or null. */
    private String report() {
        for (ILoggingEvent event : log.list.toArray(new ILoggingEvent[0])) {
            if (event.getLevel().isGreaterOrEqual(Level.WARN) && event.getFormattedMessage().contains("probe.camel.yaml")) {
                StringBuilder text = new StringBuilder(event.getFormattedMessage());
                for (var cause = event.getThrowableProxy(); cause != null; cause = cause.getCause()) {
                    text.append(" | ").append(cause.getMessage());
                }
                if (text.toString().contains("line ")) {
                    return text.toString();
                }
            }
        }
        return null;
    }

    /** Saves the probe file as editors do, written aside then moved in, so the watcher never sees it half written. */
    private void save(String yaml) throws IOException {
        Path aside = Files.writeString(work.resolve("probe.camel.yaml.tmp"), yaml);
        Files.move(aside, work.resolve("routes/probe.camel.yaml"), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    private boolean route(String id) {
        return main.getCamelContext().getRoute(id) != null;
    }

    private static String probe(String answer) {
        return """
                - route:
                    id: reload-probe
                    from:
                      uri: direct:probe
                      steps:
                        - setBody:
                            constant: %s
                """.formatted(answer);
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    private static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(50);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
