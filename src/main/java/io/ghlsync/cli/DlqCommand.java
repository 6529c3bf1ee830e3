package io.ghlsync.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.ghlsync.Settings;
import io.ghlsync.operations.AdminClient;
import io.ghlsync.operations.AdminClientException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code dlq list|show|replay|discard}: the dead letters of the running engine, through its admin API (the embedded
 * database admits one process, the engine). Credentials come from GHLSYNC_ADMIN_USER / GHLSYNC_ADMIN_PASSWORD.
 */
@Command(name = "dlq", description = "List, show, replay or discard dead letters of the running engine.",
         subcommands = { DlqCommand.ListLetters.class, DlqCommand.Show.class, DlqCommand.Replay.class, DlqCommand.Discard.class })
public class DlqCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Option(names = "--url", defaultValue = "http://localhost:8080", description = "the engine (default: ${DEFAULT-VALUE})",
            scope = picocli.CommandLine.ScopeType.INHERIT)
    String url;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    AdminClient client() {
        Settings settings = Settings.load();
        return new AdminClient(url, settings.apply("ghlsync.admin.user"), settings.apply("ghlsync.admin.password"));
    }

    /** Runs one call; prints its reason on stderr (one line) and returns 1 when it fails. */
    static int run(CommandSpec spec, Callable<Integer> call) throws Exception {
        try {
            return call.call();
        } catch (AdminClientException e) {
            spec.commandLine().getErr().println("ghl-sync: dlq: " + e.getMessage().replace('\n', ' '));
            return 1;
        }
    }

    static void printJson(CommandSpec spec, JsonNode json) throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        out.println(JSON.writeValueAsString(json));
        out.flush();
    }

    /** The filters a bulk replay or discard (and list) takes. */
    static class Filters {
        @Option(names = "--route", description = "route id") String route;
        @Option(names = "--source", description = "source system (cliengo, clientjoy, ghl)") String source;
        @Option(names = "--error-class", description = "error class, full or simple name") String errorClass;
        @Option(names = "--http-status", description = "HTTP status GHL answered") String httpStatus;
        @Option(names = "--created-after", description = "ISO-8601 instant") String createdAfter;
        @Option(names = "--created-before", description = "ISO-8601 instant") String createdBefore;

        Map<String, String> query() {
            Map<String, String> q = new LinkedHashMap<>();
            put(q, "route", route);
            put(q, "source", source);
            put(q, "errorClass", errorClass);
            put(q, "httpStatus", httpStatus);
            put(q, "createdAfter", createdAfter);
            put(q, "createdBefore", createdBefore);
            return q;
        }
    }

    static void put(Map<String, String> query, String name, String value) {
        if (value != null) {
            query.put(name, value);
        }
    }

    /** Either one id, or --all, or filters. */
    static class Target {
        @Parameters(arity = "0..1", paramLabel = "<id>", description = "the dead letter's id") Long id;
        @Option(names = "--all", description = "every pending dead letter") boolean all;
    }

    @Command(name = "list", description = "List dead letters (open ones unless --status says otherwise).")
    static class ListLetters implements Callable<Integer> {
        @ParentCommand DlqCommand parent;
        @Spec CommandSpec spec;
        @ArgGroup(exclusive = false) Filters filters = new Filters();
        @Option(names = "--status", description = "PENDING, REPLAYING, REPLAYED, DISCARDED or ALL (comma-separate several)") String status;
        @Option(names = "--limit", description = "at most this many (default 50)") String limit;
        @Option(names = "--offset", description = "skip this many") String offset;
        @Option(names = "--json", description = "print the API's JSON instead of a table") boolean json;

        @Override
        public Integer call() throws Exception {
            return run(spec, () -> {
                Map<String, String> query = (filters == null ? new Filters() : filters).query();
                put(query, "status", status);
                put(query, "limit", limit);
                put(query, "offset", offset);
                JsonNode page = parent.client().call("GET", "/admin/dead-letters", query, Duration.ofSeconds(30));
                if (json) {
                    printJson(spec, page);
                    return 0;
                }
                PrintWriter out = spec.commandLine().getOut();
                String row = "%-8s %-10s %-28s %-10s %-26s %-5s %-8s %-20s %s%n";
                out.printf(row, "ID", "STATUS", "ROUTE", "SOURCE", "ERROR", "HTTP", "ATTEMPTS", "CREATED", "FIELD / MESSAGE");
                for (JsonNode letter : page.path("deadLetters")) {
                    String error = letter.path("errorClass").asText("");
                    out.printf(row, letter.path("id").asText(), letter.path("status").asText(), letter.path("route").asText(""),
                            letter.path("source").asText(""), error.substring(error.lastIndexOf('.') + 1),
                            letter.path("httpStatus").isNull() ? "" : letter.path("httpStatus").asText(),
                            letter.path("attempts").asText(), letter.path("createdAt").asText("").replaceAll("\\.\\d+Z$", "Z"),
                            oneLine(letter.path("errorField").isNull() ? letter.path("errorMessage").asText("")
                                    : letter.path("errorField").asText() + ": " + letter.path("errorMessage").asText("")));
                }
                out.printf("%d of %d shown%n", page.path("deadLetters").size(), page.path("total").asLong());
                out.flush();
                return 0;
            });
        }

        private static String oneLine(String text) {
            String line = text.replaceAll("\\s+", " ");
            return line.length() > 100 ? line.substring(0, 99) + "…" : line;
        }
    }

    @Command(name = "show", description = "Show one dead letter with its source record, mapped payload and headers.")
    static class Show implements Callable<Integer> {
        @ParentCommand DlqCommand parent;
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "<id>") long id;

        @Override
        public Integer call() throws Exception {
            return run(spec, () -> {
                printJson(spec, parent.client().call("GET", "/admin/dead-letters/" + id, Map.of(), Duration.ofSeconds(30)));
                return 0;
            });
        }
    }

    @Command(name = "replay", description = "Replay dead letters through their route: <id>, --all, or by filter.")
    static class Replay implements Callable<Integer> {
        @ParentCommand DlqCommand parent;
        @Spec CommandSpec spec;
        @ArgGroup(exclusive = false) Filters filters = new Filters();
        @picocli.CommandLine.Mixin Target target = new Target();

        @Override
        public Integer call() throws Exception {
            return bulk(parent, spec, target, filters, "replay", Duration.ofMinutes(30));
        }
    }

    @Command(name = "discard", description = "Discard dead letters: <id>, --all, or by filter.")
    static class Discard implements Callable<Integer> {
        @ParentCommand DlqCommand parent;
        @Spec CommandSpec spec;
        @ArgGroup(exclusive = false) Filters filters = new Filters();
        @picocli.CommandLine.Mixin Target target = new Target();

        @Override
        public Integer call() throws Exception {
            return bulk(parent, spec, target, filters, "discard", Duration.ofMinutes(5));
        }
    }

    /** replay/discard of one id, of all, or of a filter; a bulk replay where some failed again exits 1. */
    static int bulk(DlqCommand parent, CommandSpec spec, Target target, Filters filters, String verb, Duration timeout)
            throws Exception {
        Map<String, String> query = (filters == null ? new Filters() : filters).query();
        int ways = (target.id != null ? 1 : 0) + (target.all ? 1 : 0) + (query.isEmpty() ? 0 : 1);
        if (ways != 1) {
            spec.commandLine().getErr().println("ghl-sync: dlq " + verb + ": give one of <id>, --all or filters (--route, --source, ...)");
            return 2;
        }
        return run(spec, () -> {
            AdminClient client = parent.client();
            if (target.id != null) {
                JsonNode answer = verb.equals("replay")
                        ? client.call("POST", "/admin/dead-letters/" + target.id + "/replay", Map.of(), timeout)
                        : client.call("DELETE", "/admin/dead-letters/" + target.id, Map.of(), timeout);
                spec.commandLine().getOut().println(verb + "ed dead letter " + target.id);
                spec.commandLine().getOut().flush();
                return answer == null ? 1 : 0;
            }
            if (target.all) {
                query.put("all", "true");
            }
            JsonNode answer = client.call("POST", "/admin/dead-letters/" + verb, query, timeout);
            printJson(spec, answer);
            if (verb.equals("replay") && answer.path("failedAgain").asInt() > 0) {
                spec.commandLine().getErr().println("ghl-sync: dlq replay: " + answer.path("failedAgain").asInt() + " of "
                        + answer.path("matched").asInt() + " dead letters failed again");
                return 1;
            }
            return 0;
        });
    }
}
