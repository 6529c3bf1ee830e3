package io.ghlsync.operations;

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
