package io.ghlsync.sandbox.ghl;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static io.ghlsync.sandbox.ghl.SandboxHttp.LOCATION;
import static org.assertj.core.api.Assertions.assertThat;

/** OAuth: refresh tokens rotate (the old one dies on use), access tokens expire, codes work once, agency exchange. */
class OAuthRefreshTest extends SandboxTest {

    private SandboxHttp.Answer refresh(OAuthClient client, String refreshToken) {
        return sandbox.form("/oauth/token", null, Map.of("client_id", client.clientId(), "client_secret", client.clientSecret(),
                "grant_type", "refresh_token", "refresh_token", refreshToken));
    }

    @Test
    void refreshRotatesTheRefreshTokenAndTheOldOneStopsWorking() {
        GhlSandbox.OAuthInstallation app = sandbox.ghl.installLocationApp(LOCATION, GhlSandbox.CONTACT_SCOPES, null);
        SandboxHttp.Answer first = refresh(app.client(), app.refreshToken());
        assertThat(first.status()).isEqualTo(200);
        JsonNode tokens = first.json();
        assertThat(tokens.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(tokens.get("expires_in").asLong()).isEqualTo(86399);
        assertThat(tokens.get("userType").asText()).isEqualTo("Location");
        assertThat(tokens.get("locationId").asText()).isEqualTo(LOCATION);
        assertThat(tokens.get("scope").asText()).contains("contacts.readonly", "contacts.write");
        assertThat(tokens.get("refresh_token").asText()).isNotEqualTo(app.refreshToken());

        SandboxHttp.Answer replay = refresh(app.client(), app.refreshToken());
        assertThat(replay.status()).isEqualTo(400);
        assertThat(replay.json().get("error").asText()).isEqualTo("invalid_grant");

        SandboxHttp.Answer second = refresh(app.client(), tokens.get("refresh_token").asText());
        assertThat(second.status()).isEqualTo(200);
        assertThat(sandbox.call("GET", "/contacts/?locationId=" + LOCATION, second.json().get("access_token").asText(), null).status())
                .isEqualTo(200);
        assertThat(sandbox.ghl.ledger().refreshes()).isEqualTo(2);
        assertThat(sandbox.control("GET", "/stats", null).json().get("tokenRefreshes").asInt()).isEqualTo(2);
    }

    @Test
    void concurrentRefreshesWithOneTokenHaveExactlyOneWinner() throws Exception {
        GhlSandbox.OAuthInstallation app = sandbox.ghl.installLocationApp(LOCATION, GhlSandbox.CONTACT_SCOPES, null);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        try {
            java.util.List<java.util.concurrent.Future<Integer>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 6; i++) {
                results.add(pool.submit(() -> refresh(app.client(), app.refreshToken()).status()));
            }
            int winners = 0;
            for (java.util.concurrent.Future<Integer> result : results) {
                winners += result.get() == 200 ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anExpiredAccessTokenGets401AndARefreshFixesIt() {
        GhlSandbox.OAuthInstallation app = sandbox.ghl.installLocationApp(LOCATION, GhlSandbox.CONTACT_SCOPES, Duration.ofSeconds(60));
        JsonNode tokens = refresh(app.client(), app.refreshToken()).json();
        assertThat(tokens.get("expires_in").asLong()).isEqualTo(60);
        String access = tokens.get("access_token").asText();
        assertThat(sandbox.call("GET", "/contacts/?locationId=" + LOCATION, access, null).status()).isEqualTo(200);

        sandbox.control("POST", "/clock/advance", SandboxHttp.obj("seconds", 61));
        SandboxHttp.Answer expired = sandbox.call("GET", "/contacts/?locationId=" + LOCATION, access, null);
        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.json().get("message").asText()).isEqualTo("Invalid JWT");

        String fresh = refresh(app.client(), tokens.get("refresh_token").asText()).json().get("access_token").asText();
        assertThat(sandbox.call("GET", "/contacts/?locationId=" + LOCATION, fresh, null).status()).isEqualTo(200);
        assertThat(sandbox.call("GET", "/contacts/?locationId=" + LOCATION, SandboxHttp.TOKEN, null).status())
                .as("private integration tokens never expire").isEqualTo(200);
    }

    @Test
    void expiringATokenThroughTheControlApiGets401() {
        GhlSandbox.OAuthInstallation app = sandbox.ghl.installLocationApp(LOCATION, GhlSandbox.CONTACT_SCOPES, null);
        String access = refresh(app.client(), app.refreshToken()).json().get("access_token").asText();
        assertThat(sandbox.control("POST", "/tokens/" + access + "/expire", null).status()).isEqualTo(200);
        assertThat(sandbox.call("GET", "/contacts/?locationId=" + LOCATION, access, null).status()).isEqualTo(401);
    }

    @Test
    void wrongClientSecretIs401AndMissingFieldsAre422() {
        GhlSandbox.OAuthInstallation app = sandbox.ghl.installLocationApp(LOCATION, GhlSandbox.CONTACT_SCOPES, null);
        SandboxHttp.Answer wrong = sandbox.form("/oauth/token", null, Map.of("client_id", app.client().clientId(),
                "client_secret", "nope", "grant_type", "refresh_token", "refresh_token", app.refreshToken()));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(sandbox.ghl.tokens().knowsRefreshToken(app.refreshToken())).as("a refused client does not burn the token").isTrue();
        SandboxHttp.Answer missing = sandbox.form("/oauth/token", null, Map.of("grant_type", "refresh_token"));
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.json().get("message")).extracting(JsonNode::asText)
                .contains("client_id should not be empty", "client_secret should not be empty");
    }

    @Test
    void anAuthorizationCodeWorksOnce() {
        GhlSandbox.OAuthInstallation app = sandbox.ghl.installLocationApp(LOCATION, GhlSandbox.CONTACT_SCOPES, null);
        String code = sandbox.control("POST", "/oauth/clients/" + app.client().clientId() + "/codes", null).json().get("code").asText();
        Map<String, String> form = Map.of("client_id", app.client().clientId(), "client_secret", app.client().clientSecret(),
                "grant_type", "authorization_code", "code", code);
        SandboxHttp.Answer first = sandbox.form("/oauth/token", null, form);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().hasNonNull("refresh_token")).isTrue();
        assertThat(sandbox.form("/oauth/token", null, form).status()).isEqualTo(400);
    }

    @Test
    void anAgencyTokenBuysLocationTokensAndListsInstalledLocations() {
        sandbox.ghl.createLocation("second-location", GhlSandbox.DEFAULT_COMPANY_ID, "Second");
        GhlSandbox.OAuthInstallation agency = sandbox.ghl.installCompanyApp(GhlSandbox.DEFAULT_COMPANY_ID,
                Set.of("contacts.readonly", "contacts.write", "oauth.readonly", "oauth.write"), null);
        JsonNode company = refresh(agency.client(), agency.refreshToken()).json();
        assertThat(company.get("userType").asText()).isEqualTo("Company");
        String companyToken = company.get("access_token").asText();

        SandboxHttp.Answer direct = sandbox.call("GET", "/contacts/?locationId=" + LOCATION, companyToken, null);
        assertThat(direct.status()).isEqualTo(403);

        SandboxHttp.Answer exchanged = sandbox.form("/oauth/locationToken", companyToken,
                Map.of("companyId", GhlSandbox.DEFAULT_COMPANY_ID, "locationId", "second-location"));
        assertThat(exchanged.status()).isEqualTo(200);
        assertThat(exchanged.json().get("locationId").asText()).isEqualTo("second-location");
        String locationToken = exchanged.json().get("access_token").asText();
        assertThat(sandbox.call("GET", "/contacts/?locationId=second-location", locationToken, null).status()).isEqualTo(200);
        assertThat(sandbox.call("GET", "/contacts/?locationId=" + LOCATION, locationToken, null).status()).isEqualTo(403);

        SandboxHttp.Answer installed = sandbox.call("GET", "/oauth/installedLocations?companyId=" + GhlSandbox.DEFAULT_COMPANY_ID
                + "&appId=" + agency.client().appId(), companyToken, null);
        assertThat(installed.status()).isEqualTo(200);
        assertThat(installed.json().get("count").asInt()).isEqualTo(2);
        assertThat(installed.json().at("/locations/0/isInstalled").asBoolean()).isTrue();
    }
}
