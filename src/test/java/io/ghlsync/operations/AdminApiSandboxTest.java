package io.ghlsync.operations;

import io.ghlsync.Settings;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Sandbox mode without credentials: open, for the one-command demo. */
class AdminApiSandboxTest extends EngineTestSupport {

    @Override
    protected Settings settings() {
        return super.settings().override("ghlsync.sandbox", "true")
                .override("ghlsync.admin.user", "").override("ghlsync.admin.password", "");
    }

    @Test
    void theApiIsOpen() {
        assertThat(http("GET", "/admin/dead-letters", null, null).status()).isEqualTo(200);
    }
}
