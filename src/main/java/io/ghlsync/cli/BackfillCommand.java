package io.ghlsync.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.ghlsync.operations.AdminClient;
import io.ghlsync.operations.AdminClientException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code backfill [--business <id>]}: asks the running engine to copy every GHL contact of its location (or of one
 * business) to Clientjoy, then follows the progress until it is done. The backfill runs inside the engine, which keeps
 * its cursor, so stopping this command does not stop it; running it again follows (or resumes) the same backfill.
 * Without a running engine it fails with that reason: it does not start a second engine on the same database.
 */
@Command(name = "backfill", description = "Copy every GHL contact (or one business's) to Clientjoy, through the running engine, and show the progress.")
public class BackfillCommand implements Callable<Integer> {

    @Mixin
    EngineOptions engine = new EngineOptions();

    @Option(names = "--business", paramLabel = "<businessId>", description = "only the contacts of this GHL business")
    String businessId;

    @Option(names = "--no-follow", description = "start it and return at once")
    boolean noFollow;

    @Option(names = "--interval", defaultValue = "2", paramLabel = "<seconds>", description = "seconds between progress lines (default: ${DEFAULT-VALUE})")
    int intervalSeconds;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (intervalSeconds < 1) {
            return fail("--interval must be at least 1 second");
        }
        Map<String, String> query = businessId == null ? Map.of() : Map.of("businessId", businessId);
        try {
            AdminClient client = engine.client();
            try {
                JsonNode started = client.call("POST", "/admin/backfill", query, Duration.ofSeconds(30));
                out.println((started.path("resumed").asBoolean() ? "resumed" : "started") + " the backfill of " + scope()
                        + " to Clientjoy" + (started.path("resumed").asBoolean() ? " at " + started.path("copied").asLong() + " contacts" : ""));
            } catch (AdminClientException e) {
                if (e.status() != 409) {
                    throw e;
                }
                out.println("the backfill of " + scope() + " is running already; following it");
            }
            out.flush();
            if (noFollow) {
                return 0;
            }
            return follow(client, query, out);
        } catch (AdminClientException e) {
            return fail(e.getMessage() + (e.status() == 0 ? " (a backfill runs inside the engine: start `ghl-sync run`, then run backfill again)" : ""));
        }
    }

    private int follow(AdminClient client, Map<String, String> query, PrintWriter out) throws InterruptedException {
        long lastCopied = -1;
        while (true) {
            JsonNode progress = client.call("GET", "/admin/backfill", query, Duration.ofSeconds(30));
            String state = progress.path("state").asText();
            long copied = progress.path("copied").asLong();
            if (copied != lastCopied || !"running".equals(state)) {
                out.println(line(progress));
                out.flush();
                lastCopied = copied;
            }
            switch (state) {
                case "done" -> {
                    out.println("done: " + copied + " contacts copied to Clientjoy");
                    out.flush();
                    return 0;
                }
                case "failed" -> {
                    return fail("the backfill stopped: " + progress.path("error").asText("unknown error")
                            + " (its cursor is kept: run backfill again to resume)");
                }
                case "interrupted" -> {
                    return fail("the engine is not running this backfill any more (stopped?); run backfill again to resume it");
                }
                default -> Thread.sleep(intervalSeconds * 1000L);
            }
        }
    }

    /** e.g. {@code 1200 / 5000 contacts (24.0%), 310.2/s, ETA 0:12}. */
    static String line(JsonNode progress) {
        long eta = progress.path("etaSeconds").asLong(-1);
        return String.format(Locale.ROOT, "%d / %d contacts (%.1f%%), %.1f/s, ETA %s", progress.path("copied").asLong(),
                progress.path("total").asLong(), progress.path("percent").asDouble(), progress.path("ratePerSecond").asDouble(),
                eta < 0 ? "unknown" : String.format(Locale.ROOT, "%d:%02d", eta / 60, eta % 60));
    }

    private String scope() {
        return businessId == null ? "the location" : "business " + businessId;
    }

    private int fail(String reason) {
        spec.commandLine().getErr().println("ghl-sync: backfill: " + reason.replace('\n', ' '));
        spec.commandLine().getErr().flush();
        return 1;
    }
}
