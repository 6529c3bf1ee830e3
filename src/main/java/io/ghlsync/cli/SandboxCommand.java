package io.ghlsync.cli;

import io.ghlsync.Settings;
import io.ghlsync.sandbox.SandboxServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code sandbox}: only the sandbox servers, in their own process, so the engine can be killed and restarted beside them. */
@Command(name = "sandbox", description = "Run only the sandbox servers (GHL under /ghl, Cliengo under /cliengo) until stopped.")
public class SandboxCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--port", description = "port to listen on (default: sandbox.port, 8099)")
    Integer port;

    @Option(names = "--faults", paramLabel = "SANDBOX:PLAN", description = "faults to inject, e.g. ghl:serverError=0.2,rateLimited=0.1,seed=7"
            + " (repeatable; see docs/sandbox.md; default: sandbox.faults.<name>)")
    List<String> faults = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        Settings settings = Settings.load();
        int listenOn = port != null ? port : SandboxDefaults.port(settings);
        SandboxServer server = new SandboxServer(listenOn).start();
        try {
            SandboxDefaults.applyFaults(settings, server, faults);
        } catch (IllegalArgumentException e) {
            server.close();
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "sandbox-shutdown"));
        spec.commandLine().getOut().println("ghl-sync sandbox: GHL at http://localhost:" + server.port() + "/ghl"
                + " (location " + SandboxDefaults.LOCATION_ID + ", token " + SandboxDefaults.TOKEN + "); Cliengo at http://localhost:"
                + server.port() + "/cliengo (X-Api-Key " + SandboxDefaults.CLIENGO_API_KEY + ")");
        spec.commandLine().getOut().flush();
        stopped.await();
        return 0;
    }
}
