package io.ghlsync.cli;

import io.ghlsync.ghl.GhlOperation;
import io.ghlsync.ghl.GhlWebhookEvent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code ops}: the GHL operations the engine can call and the webhook events it receives, with their scopes. */
@Command(name = "ops", description = "List every GHL operation and webhook trigger with method, path and scope.")
public class OpsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%-36s %-7s %-48s %s%n", "OPERATION", "METHOD", "PATH", "SCOPE");
        for (GhlOperation op : GhlOperation.values()) {
            out.printf("%-36s %-7s %-48s %s%n", op.operationId(), op.method(), op.pathTemplate(), op.scope().scopeName());
        }
        out.println();
        out.printf("%-36s %-7s %-48s %s%n", "WEBHOOK TRIGGER", "METHOD", "RECEIVED AT", "SCOPE");
        for (GhlWebhookEvent event : GhlWebhookEvent.values()) {
            out.printf("%-36s %-7s %-48s %s%n", event.type(), "POST", GhlWebhookEvent.RECEIVER_PATH, event.scope());
        }
        out.flush();
        return 0;
    }
}
