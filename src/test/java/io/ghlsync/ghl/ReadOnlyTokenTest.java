package io.ghlsync.ghl;

import io.ghlsync.ghl.auth.PrivateIntegrationToken;
import io.ghlsync.sandbox.ghl.GhlSandbox;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** A token without contacts.write cannot write: refused before sending when known, by GHL otherwise. */
class ReadOnlyTokenTest extends GhlSandboxTestSupport {

    @Test
    void aWriteWithADeclaredReadOnlyTokenFailsFastWithoutCallingGhl() {
        ghlSandbox().createLocation("read-only", "sandbox-company", "Read only");
        String token = ghlSandbox().issuePrivateToken("read-only", Set.of("contacts.readonly"));
        addLocation(context, "read-only", new PrivateIntegrationToken(token, EnumSet.of(GhlScope.READ)));

        Exchange write = call("read-only", "create-contact", Map.of(), Map.of("email", "x@example.com"));

        assertThat(write.getException()).isInstanceOf(GhlScopeException.class)
                .hasMessageContaining("create-contact").hasMessageContaining("contacts.write").hasMessageContaining("nothing was sent");
        assertThat(ghlSandbox().ledger().requests("read-only")).isZero();

        ok(call("read-only", "get-contacts", Map.of("limit", 1), null));
        assertThat(ghlSandbox().ledger().requests("read-only")).isEqualTo(1);
    }

    @Test
    void whenTheTokensScopesAreMisdeclaredGhlItselfRefusesTheWrite() {
        ghlSandbox().createLocation("read-only", "sandbox-company", "Read only");
        String token = ghlSandbox().issuePrivateToken("read-only", Set.of("contacts.readonly"));
        addLocation(context, "read-only", new PrivateIntegrationToken(token, EnumSet.allOf(GhlScope.class)));

        Exchange write = call("read-only", "create-contact", Map.of(), Map.of("email", "x@example.com"));

        assertThat(write.getException()).isInstanceOf(GhlApiException.class);
        assertThat(((GhlApiException) write.getException()).getStatusCode()).isEqualTo(401);
        assertThat(ok(call("read-only", "get-contacts", Map.of("limit", 5), null)).get("contacts")).asList().isEmpty();
    }
}
