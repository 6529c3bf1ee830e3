package io.ghlsync.cli;

import io.ghlsync.ghl.GhlOperation;
import io.ghlsync.ghl.GhlWebhookEvent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ops} lists all 32 operations and every webhook trigger with method, path and scope. */
class OpsCommandTest {

    @Test
    void listsEveryOperationAndWebhookTrigger() {
        CommandRun run = CommandRun.of("ops");
        assertThat(run.exitCode()).isZero();
        for (GhlOperation op : GhlOperation.values()) {
            assertThat(run.out()).containsPattern("(?m)^" + op.operationId() + "\\s+" + op.method() + "\\s+"
                    + java.util.regex.Pattern.quote(op.pathTemplate()) + "\\s+" + java.util.regex.Pattern.quote(op.scope().scopeName()) + "$");
        }
        for (GhlWebhookEvent event : GhlWebhookEvent.values()) {
            assertThat(run.out()).containsPattern("(?m)^" + event.type() + "\\s+POST\\s+/webhooks/ghl\\s+");
        }
    }
}
