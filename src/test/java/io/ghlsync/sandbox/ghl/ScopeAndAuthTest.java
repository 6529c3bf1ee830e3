package io.ghlsync.sandbox.ghl;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static io.ghlsync.sandbox.ghl.SandboxHttp.LOCATION;
import static io.ghlsync.sandbox.ghl.SandboxHttp.obj;
import static org.assertj.core.api.Assertions.assertThat;

/** Bearer token, Version header, scopes and location ownership, checked before any handler runs. */
class ScopeAndAuthTest extends SandboxTest {

    @Test
    void aReadOnlyTokenReadsButCannotWrite() {
        String id = sandbox.createContact(Map.of("email", "r@example.com"));
        String readOnly = sandbox.ghl.issuePrivateToken(LOCATION, Set.of("contacts.readonly"));
        assertThat(sandbox.call("GET", "/contacts/" + id, readOnly, null).status()).isEqualTo(200);
        SandboxHttp.Answer write = sandbox.call("POST", "/contacts/", readOnly, obj("locationId", LOCATION, "email", "w@example.com"));
        assertThat(write.status()).isEqualTo(401);
        assertThat(write.json().get("message").asText()).isEqualTo("The token is not authorized for this scope.");
        assertThat(sandbox.call("POST", "/contacts/" + id + "/tags", readOnly, obj("tags", java.util.List.of("x"))).status()).isEqualTo(401);
        assertThat(sandbox.call("POST", "/contacts/bulk/business", readOnly,
                obj("locationId", LOCATION, "ids", java.util.List.of(id), "businessId", "b1")).status()).isEqualTo(401);
        assertThat(sandbox.ghl.location(LOCATION).contactCount()).isEqualTo(1);
    }

    @Test
    void aWriteOnlyTokenCannotRead() {
        String writeOnly = sandbox.ghl.issuePrivateToken(LOCATION, Set.of("contacts.write"));
        assertThat(sandbox.call("GET", "/contacts/?locationId=" + LOCATION, writeOnly, null).status()).isEqualTo(401);
    }

    @Test
    void missingUnknownAndRevokedTokensGetInvalidJwt() {
        SandboxHttp.Answer missing = sandbox.call("GET", "/contacts/?locationId=" + LOCATION, null, null);
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.json().get("message").asText()).isEqualTo("Invalid JWT");
        assertThat(sandbox.call("GET", "/contacts/?locationId=" + LOCATION, "made-up", null).status()).isEqualTo(401);
        String token = sandbox.ghl.issuePrivateToken(LOCATION, GhlSandbox.CONTACT_SCOPES);
        assertThat(sandbox.control("DELETE", "/tokens/" + token, null).status()).isEqualTo(200);
        assertThat(sandbox.call("GET", "/contacts/?locationId=" + LOCATION, token, null).status()).isEqualTo(401);
    }

    @Test
    void theVersionHeaderIsRequired() {
        SandboxHttp.Answer answer = sandbox.send("GET", sandbox.ghlBase() + "/contacts/?locationId=" + LOCATION,
                Map.of("Authorization", "Bearer " + SandboxHttp.TOKEN), null);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("message").asText()).contains("Version");
        SandboxHttp.Answer wrong = sandbox.send("GET", sandbox.ghlBase() + "/contacts/?locationId=" + LOCATION,
                Map.of("Authorization", "Bearer " + SandboxHttp.TOKEN, "Version", "2020-01-01"), null);
        assertThat(wrong.status()).isEqualTo(400);
    }

    @Test
    void aTokenCannotReachAnotherLocation() {
        sandbox.control("POST", "/locations", obj("id", "other-location"));
        String otherToken = sandbox.control("POST", "/tokens", obj("locationId", "other-location")).json().get("token").asText();
        SandboxHttp.Answer list = sandbox.call("GET", "/contacts/?locationId=" + LOCATION, otherToken, null);
        assertThat(list.status()).isEqualTo(403);
        SandboxHttp.Answer create = sandbox.call("POST", "/contacts/", otherToken, obj("locationId", LOCATION, "email", "x@example.com"));
        assertThat(create.status()).isEqualTo(403);
        String id = sandbox.createContact(Map.of("email", "mine@example.com"));
        assertThat(sandbox.call("GET", "/contacts/" + id, otherToken, null).status())
                .as("another location's contact is not found through this token").isEqualTo(400);
    }
}
