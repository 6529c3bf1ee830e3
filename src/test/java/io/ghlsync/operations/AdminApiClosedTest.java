package io.ghlsync.operations;

import io.ghlsync.Settings;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** No credentials configured outside the sandbox: shut, whatever is sent. */
class AdminApiClosedTest extends EngineTestSupport {

    @Override
    protected Settings settings() {
        return super.settings().override("ghlsync.admin.user", "").override("ghlsync.admin.password", "");
    }

    @Test
    void theApiIsDisabledAndSaysHowToEnableIt() {
        for (Answer answer : new Answer[] {http("GET", "/admin/dead-letters", null, null),
                http("GET", "/admin/dead-letters", USER, PASSWORD), http("POST", "/admin/dead-letters/replay?all=true", null, null)}) {
            assertThat(answer.status()).isEqualTo(503);
            assertThat(answer.json().get("error").asText())
                    .isEqualTo("admin API disabled: set GHLSYNC_ADMIN_USER and GHLSYNC_ADMIN_PASSWORD");
        }
    }
}
