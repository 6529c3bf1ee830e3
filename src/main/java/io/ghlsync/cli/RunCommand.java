package io.ghlsync.cli;

import io.ghlsync.GhlSyncConfiguration;
import io.ghlsync.Settings;
import io.ghlsync.sandbox.SandboxDemo;
import io.ghlsync.sandbox.SandboxServer;
import org.apache.camel.main.Main;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code run} (the default): starts the engine with camel-main. Without GHL credentials, or with {@code --sandbox},
 * it first starts the sandbox on port 8099 and points the engine at it.
 */
@Command(name = "run", description = "Start the engine (the sandbox demo when no GHL credentials are configured).")
public class RunCommand implements Callable<Integer> {

    @Option(names = "--sandbox", description = "start the sandbox and run against it even when credentials are configured")
    boolean sandbox;

    @Option(names = "--faults", paramLabel = "SANDBOX:PLAN", description = "in sandbox mode, faults the sandbox injects, e.g."
            + " ghl:serverError=0.2,seed=7 (repeatable; see docs/sandbox.md; default: sandbox.faults.<name>)")
    List<String> faults = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        Settings settings = Settings.load();
        boolean sandboxMode = sandbox || SandboxDefaults.unconfigured(settings);
        if (!faults.isEmpty() && !sandboxMode) {
            throw new IllegalArgumentException("--faults needs sandbox mode (run --sandbox, or no GHL credentials)");
        }
        SandboxServer sandboxServer = null;
        try {
            if (sandboxMode) {
                int port = SandboxDefaults.port(settings);
                sandboxServer = new SandboxServer(port).start();
                SandboxDefaults.applyFaults(settings, sandboxServer, faults);
                // In sandbox mode the engine always talks to the sandbox, whatever GHL_* says.
                SandboxDefaults.apply(settings, sandboxServer.port()).override("ghlsync.sandbox", "true");
                // the sandboxes post their signed events to this engine's receivers, which trust the sandbox's keys
                SandboxDefaults.connectWebhooks(settings, sandboxServer);
                // edited route files are reloaded while the demo runs (application.properties: which folder, how)
                settings.override("camel.main.routes-reload-enabled", "true");
                // Clientjoy -> GHL polls the sandbox's Clientjoy (off by default elsewhere; -D...=false still wins)
                if (System.getProperty("clientjoy.to-ghl.enabled") == null) {
                    settings.override("clientjoy.to-ghl.enabled", "true");
                }
            }
            Main main = new Main();
            main.setInitialProperties(settings.forCamel());
            // the environment variables and the sandbox's settings win over application.properties, as documented
            main.setOverrideProperties(settings.forCamel());
            main.configure().addConfiguration(new GhlSyncConfiguration(settings));
            main.addMainListener(new StartupBanner(settings, sandboxMode, sandboxServer == null ? -1 : sandboxServer.port(), System.out));
            if (sandboxServer != null && Boolean.parseBoolean(settings.get("ghlsync.demo.enabled", "true"))) {
                main.addMainListener(new DemoActivity(new SandboxDemo(sandboxServer,
                        Duration.ofMillis(Long.parseLong(settings.get("ghlsync.demo.interval-ms", "3000"))))));
            }
            main.run();
            return main.getExitCode();
        } finally {
            if (sandboxServer != null) {
                sandboxServer.close();
            }
        }
    }
}
