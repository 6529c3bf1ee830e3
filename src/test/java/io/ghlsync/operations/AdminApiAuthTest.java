package io.ghlsync.operations;

import io.ghlsync.Settings;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Outside sandbox mode the admin API needs the configured credentials, and without any configured it stays shut. */
class AdminApiAuthTest extends EngineTestSupport {

    @Test
    void withoutCredentialsTheAnswerIs401AndNothingIsServed() {
        Answer answer = http("GET", "/admin/dead-letters", null, null);
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.raw().headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
        assertThat(answer.json().get("error").asText()).contains("credentials required");
        assertThat(answer.json().has("deadLetters")).isFalse();
    }

    @Test
    void wrongCredentialsAre401AndRightOnesAre200() {
        assertThat(http("GET", "/admin/dead-letters", USER, "wrong").status()).isEqualTo(401);
        assertThat(http("GET", "/admin/dead-letters", "admin", PASSWORD).status()).isEqualTo(401);
        assertThat(http("POST", "/admin/dead-letters/discard?all=true", USER, PASSWORD + "x").status()).isEqualTo(401);
        assertThat(http("GET", "/admin/dead-letters", USER, PASSWORD).status()).isEqualTo(200);
        assertThat(http("POST", "/admin/dead-letters/discard?all=true", USER, PASSWORD).status()).isEqualTo(200);
    }

    /** No credentials configured outside the sandbox: shut, whatever is sent. */
    static class WithoutConfiguredCredentialsTest extends EngineTestSupport {

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

    /** Sandbox mode without credentials: open, for the one-command demo. */
    static class SandboxTest extends EngineTestSupport {

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

    @Nested
    class InTheSandboxWithCredentialsConfigured {
        @Test
        void credentialsAreStillRequired() {
            AdminAuth auth = AdminAuth.from(key -> switch (key) {
                case "ghlsync.sandbox" -> "true";
                case "ghlsync.admin.user" -> USER;
                case "ghlsync.admin.password" -> PASSWORD;
                default -> null;
            });
            assertThat(auth.requiresCredentials()).isTrue();
            assertThat(AdminAuth.from(key -> "ghlsync.sandbox".equals(key) ? "true" : null).requiresCredentials()).isFalse();
            assertThat(AdminAuth.from(key -> "ghlsync.admin.user".equals(key) ? USER : null).toString()).isEqualTo("AdminAuth[closed]");
            assertThat(auth.toString()).doesNotContain(PASSWORD);
        }
    }
}
