package io.ghlsync.operations;

import io.ghlsync.Settings;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** Sandbox mode without configured credentials: the console and its (read-only) Jolokia are open. */
class HawtioSandboxModeTest extends HawtioConsoleTest {

    @Override
    protected Settings settings() {
        return super.settings().override("ghlsync.sandbox", "true")
                .override("ghlsync.admin.user", "").override("ghlsync.admin.password", "");
    }

    @Override
    @Test
    void jolokiaWithoutCredentialsIs401() throws Exception {
        HttpResponse<String> version = get("/hawtio/jolokia/version", null);
        assertThat(version.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(version.body()).get("value").has("agent")).isTrue();
    }

    @Override
    @Test
    void execAndWriteAreRefusedEvenWithCredentials() throws Exception {
        super.execAndWriteAreRefusedEvenWithCredentials(); // the policy is the same, open or not
    }
}
