package io.ghlsync.operations;

import io.ghlsync.cli.CommandRun;

import io.ghlsync.ghl.GhlApiException;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;


import static org.assertj.core.api.Assertions.assertThat;

/** {@code dlq list|show|replay|discard} against a running engine's admin API: output and exit codes. */
@ExtendWith(CommandCredentials.class)
class DlqCommandTest extends EngineTestSupport {

    @Override
    protected RoutesBuilder testRoutes() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:clientjoy-clients").routeId("clientjoy-clients-to-ghl").routeConfigurationId("ghl-retry-policy")
                        .choice().when(body().contains("refuse"))
                        .process(e -> {
                            throw new GhlApiException("upsert-contact", 422, "phone must be E.164", null, null);
                        })
                        .end();
            }
        };
    }

    private CommandRun dlq(String... args) {
        String[] full = new String[args.length + 3];
        full[0] = "dlq";
        System.arraycopy(args, 0, full, 1, args.length);
        full[args.length + 1] = "--url";
        full[args.length + 2] = "http://127.0.0.1:" + port;
        return CommandRun.of(full);
    }

    private static String lastLine(String text) {
        String[] lines = text.strip().split("\n");
        return lines[lines.length - 1];
    }

    private long deadLetter(String body) {
        template.sendBody("direct:clientjoy-clients", body);
        return http("GET", "/admin/dead-letters?route=clientjoy-clients-to-ghl&status=all").json()
                .get("deadLetters").findValues("id").stream().mapToLong(n -> n.asLong()).max().orElseThrow();
    }

    @Test
    void listShowReplayAndDiscardSucceedWithExitZero() {
        long id = deadLetter("{\"id\": \"cj-1\", \"phone\": \"refuse\"}");

        CommandRun list = dlq("list");
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out()).contains("ID").contains("clientjoy-clients-to-ghl").contains("GhlApiException").contains("422")
                .contains("1 of 1 shown");

        CommandRun show = dlq("show", String.valueOf(id));
        assertThat(show.exitCode()).isZero();
        assertThat(show.out()).contains("\"sourceRecord\"").contains("cj-1");

        CommandRun failedAgain = dlq("replay", String.valueOf(id));
        assertThat(failedAgain.exitCode()).as("the cause is not fixed").isEqualTo(1);
        // in this JVM the engine's own log shares stderr: the command's reason is its last line
        assertThat(lastLine(failedAgain.err())).startsWith("ghl-sync: dlq: HTTP 422: upsert-contact failed with HTTP 422");

        CommandRun discarded = dlq("discard", String.valueOf(id));
        assertThat(discarded.exitCode()).as(discarded.err()).isZero();
        assertThat(dlq("list").out()).contains("0 of 0 shown");

        long other = deadLetter("{\"id\": \"cj-2\", \"phone\": \"+5491122223333\"}");
        assertThat(other).as("went through: no new letter").isEqualTo(id);
        deadLetter("{\"id\": \"cj-3\", \"phone\": \"refuse\"}");
        CommandRun all = dlq("discard", "--all");
        assertThat(all.exitCode()).isZero();
        assertThat(all.out()).contains("\"discarded\" : 1");
    }

    @Test
    void refusalsExitNonZeroWithOneLineReasons() {
        CommandRun unknown = dlq("show", "4242");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(lastLine(unknown.err())).isEqualTo("ghl-sync: dlq: HTTP 404: dead letter 4242 does not exist (id)");

        CommandRun badLimit = dlq("list", "--limit", "-1");
        assertThat(badLimit.exitCode()).isEqualTo(1);
        assertThat(badLimit.err()).contains("HTTP 400").contains("limit must be a whole number");

        CommandRun noTarget = dlq("replay");
        assertThat(noTarget.exitCode()).isEqualTo(2);
        assertThat(noTarget.err()).contains("give one of <id>, --all or filters");

        System.setProperty("ghlsync.admin.password", "wrong");
        CommandRun unauthorized = dlq("list");
        assertThat(unauthorized.exitCode()).isEqualTo(1);
        assertThat(unauthorized.err()).contains("HTTP 401");

        CommandRun unreachable = CommandRun.of("dlq", "list", "--url", "http://127.0.0.1:" + freePort());
        assertThat(unreachable.exitCode()).isEqualTo(1);
        assertThat(unreachable.err().strip()).startsWith("ghl-sync: dlq: engine not reachable at http://127.0.0.1:")
                .doesNotContain("\n");
    }
}
