package io.ghlsync.ghl;

import io.ghlsync.ghl.auth.OAuthRefreshCredentials;
import io.ghlsync.ghl.auth.OAuthTokens;
import io.ghlsync.ghl.auth.PrivateIntegrationToken;
import io.ghlsync.ghl.auth.TokenStore;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Several locations, each with its own credentials, from properties; a location that cannot work is refused by name. */
class GhlLocationSettingsTest {

    private final Map<String, String> props = new HashMap<>();
    private final TokenStore store = new TokenStore() {
        @Override
        public Optional<OAuthTokens> load(String locationId) {
            return Optional.empty();
        }

        @Override
        public void save(String locationId, OAuthTokens tokens) {
        }
    };

    private GhlComponent configure() {
        GhlComponent component = new GhlComponent();
        new GhlLocationSettings(props::get).configure(component, store);
        return component;
    }

    @Test
    void theEnvironmentLocationAndFurtherLocationsEachGetTheirOwnCredentials() {
        props.put("ghl.location-id", "loc-env");
        props.put("ghl.token", "pit-env");
        props.put("ghl.locations", "loc-oauth, loc-ro");
        props.put("ghl.location.loc-oauth.client-id", "client");
        props.put("ghl.location.loc-oauth.client-secret", "secret");
        props.put("ghl.location.loc-oauth.refresh-token", "refresh");
        props.put("ghl.location.loc-ro.token", "pit-ro");
        props.put("ghl.location.loc-ro.scopes", "contacts.readonly");

        GhlComponent ghl = configure();

        assertThat(ghl.getLocations()).containsOnlyKeys("loc-env", "loc-oauth", "loc-ro");
        assertThat(ghl.getDefaultLocationId()).isEqualTo("loc-env");
        assertThat(ghl.location("loc-env").credentials()).isInstanceOf(PrivateIntegrationToken.class);
        assertThat(ghl.location("loc-oauth").credentials()).isInstanceOf(OAuthRefreshCredentials.class);
        assertThat(ghl.location("loc-ro").credentials().scopes()).containsExactly(GhlScope.READ);
        assertThat(ghl.location("loc-env").budget()).isNotSameAs(ghl.location("loc-ro").budget());
    }

    @Test
    void aLocationWithoutCredentialsIsNamed() {
        props.put("ghl.location-id", "loc-env");
        props.put("ghl.token", "pit-env");
        props.put("ghl.locations", "loc-bare");
        assertThatThrownBy(this::configure).hasMessageContaining("loc-bare").hasMessageContaining("no credentials");
    }

    @Test
    void anOAuthLocationWithoutClientCredentialsIsNamed() {
        props.put("ghl.location-id", "loc-1");
        props.put("ghl.refresh-token", "refresh");
        assertThatThrownBy(this::configure).hasMessageContaining("loc-1").hasMessageContaining("client id and secret");
    }

    @Test
    void anUnknownScopeIsRefused() {
        props.put("ghl.location-id", "loc-1");
        props.put("ghl.token", "pit");
        props.put("ghl.scopes", "contacts.readonly contacts.everything");
        assertThatThrownBy(this::configure).hasMessageContaining("unknown scope 'contacts.everything'");
    }
}
