package io.ghlsync.ghl;

import io.ghlsync.ghl.auth.OAuthRefreshCredentials;
import io.ghlsync.ghl.auth.OAuthTokens;
import io.ghlsync.ghl.auth.RefreshRejectedException;
import io.ghlsync.sandbox.ghl.GhlSandbox;
import io.ghlsync.state.JdbcTokenStore;
import io.ghlsync.state.StateDatabase;
import io.ghlsync.state.TokenCipher;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * OAuth locations: a token that GHL expires in the middle of a burst is refreshed once for all 50 callers, and the
 * rotated refresh token is in the (encrypted) state database before the new access token is used.
 */
class OAuthRefreshTest extends GhlSandboxTestSupport {

    @TempDir
    Path dataDir;

    private StateDatabase database;
    private JdbcTokenStore store;
    private GhlSandbox.OAuthInstallation app;
    private OAuthRefreshCredentials credentials;

    @BeforeEach
    void installApp() {
        database = StateDatabase.embedded(dataDir);
        store = database.tokenStore(TokenCipher.fromSecret("test secret key for oauth refresh"));
        ghlSandbox().createLocation("oauth-loc", "sandbox-company", "OAuth location");
        app = ghlSandbox().installLocationApp("oauth-loc", Set.of("contacts.readonly", "contacts.write"), Duration.ofHours(1));
        credentials = new OAuthRefreshCredentials("oauth-loc", sandbox.ghlBaseUrl(), app.client().clientId(),
                app.client().clientSecret(), app.refreshToken(), store, HttpClient.newHttpClient(), Duration.ofMinutes(5),
                Clock.systemUTC());
        addLocation(context, "oauth-loc", credentials);
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    @Test
    void aTokenExpiredMidRunIsRefreshedOnceFor50ConcurrentCalls() throws Exception {
        ok(call("oauth-loc", "get-contacts", Map.of("limit", 1), null));
        OAuthTokens before = store.load("oauth-loc").orElseThrow();
        assertThat(before.refreshToken()).isNotEqualTo(app.refreshToken());
        long refreshesBefore = ghlSandbox().ledger().refreshes();

        assertThat(ghlSandbox().expireToken(before.accessToken())).isTrue();
        List<CompletableFuture<Exchange>> burst = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            burst.add(template.asyncSend("ghl:get-contacts", e -> {
                e.getMessage().setHeader(GhlConstants.LOCATION_ID, "oauth-loc");
                e.getMessage().setHeader(GhlConstants.PARAMETERS, new LinkedHashMap<>(Map.of("limit", 1)));
            }));
        }
        for (CompletableFuture<Exchange> call : burst) {
            ok(call.get(30, TimeUnit.SECONDS));
        }

        assertThat(ghlSandbox().ledger().refreshes() - refreshesBefore).isEqualTo(1);
        OAuthTokens after = store.load("oauth-loc").orElseThrow();
        assertThat(after.refreshToken()).isNotEqualTo(before.refreshToken());
        assertThat(after.accessToken()).isNotEqualTo(before.accessToken());
    }

    @Test
    void theStoredRefreshTokenIsTheOneGhlWillAcceptNext() {
        ok(call("oauth-loc", "get-contacts", Map.of("limit", 1), null));
        OAuthTokens stored = store.load("oauth-loc").orElseThrow();

        // A process restarted from the database alone can still refresh: the rotated token was kept.
        OAuthRefreshCredentials restarted = new OAuthRefreshCredentials("oauth-loc", sandbox.ghlBaseUrl(),
                app.client().clientId(), app.client().clientSecret(), app.refreshToken(), store, HttpClient.newHttpClient(),
                Duration.ofMinutes(5), Clock.systemUTC());
        assertThat(ghlSandbox().expireToken(stored.accessToken())).isTrue();
        assertThat(restarted.refreshAfterRejection(stored.accessToken())).isNotEqualTo(stored.accessToken());
    }

    @Test
    void aRevokedRefreshTokenFailsClearlyAndIsNotRetried() {
        ok(call("oauth-loc", "get-contacts", Map.of("limit", 1), null));
        OAuthTokens stored = store.load("oauth-loc").orElseThrow();
        ghlSandbox().revokeToken(stored.refreshToken());
        ghlSandbox().expireToken(stored.accessToken());
        long refreshesBefore = ghlSandbox().ledger().refreshes();

        Exchange first = call("oauth-loc", "get-contacts", Map.of("limit", 1), null);
        Exchange second = call("oauth-loc", "get-contacts", Map.of("limit", 1), null);

        assertThat(first.getException()).isInstanceOf(RefreshRejectedException.class).hasMessageContaining("oauth-loc")
                .hasMessageNotContaining(stored.refreshToken());
        assertThat(second.getException()).isInstanceOf(RefreshRejectedException.class);
        assertThat(ghlSandbox().ledger().refreshes() - refreshesBefore).as("refresh attempts counted by GHL").isLessThanOrEqualTo(1);
    }
}
