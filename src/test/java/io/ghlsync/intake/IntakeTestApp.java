package io.ghlsync.intake;

import org.apache.camel.main.Main;

import java.nio.file.Path;
import java.util.Properties;

/**
 * The separate process of {@link InboxKillTest}: camel-main with the intake test routes on the embedded database.
 * Arguments: HTTP port, data directory, GHL base URL, "closed" to hold processing at the gate, lease.
 */
public final class IntakeTestApp {

    private IntakeTestApp() {
    }

    public static void main(String[] args) throws Exception {
        Properties props = new Properties();
        props.setProperty("camel.server.enabled", "true");
        props.setProperty("camel.server.port", args[0]);
        props.setProperty("camel.management.port", args[0]);
        props.setProperty("camel.main.routes-include-pattern", "classpath:intake/intake-test-routes.camel.yaml");
        props.setProperty("inbox.concurrency", "3");
        props.setProperty("inbox.lease", args[4]);
        props.setProperty("inbox.initial-delay", "0");
        Main main = new Main();
        // overrides, because the engine's application.properties (also on this class path) names port 8080 and routes/
        main.setOverrideProperties(props);
        main.configure().addConfiguration(
                new IntakeTestConfiguration(Path.of(args[1]), args[2], new ProcessingProbe("closed".equals(args[3]))));
        main.run();
    }
}
