package io.ghlsync.sources.ghl;

import io.ghlsync.intake.WebhookRejection;
import io.ghlsync.sandbox.ghl.WebhookSigner;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Where the webhook keys come from, and the refusals the HTTP test cannot reach: no key at all, a key not configured. */
class GhlWebhookKeysTest {

    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    private static final WebhookSigner SIGNER = new WebhookSigner();

    private static byte[] event() {
        return ("{\"type\":\"ContactCreate\",\"locationId\":\"loc\",\"id\":\"c1\",\"timestamp\":\"" + NOW
                + "\",\"webhookId\":\"w1\"}").getBytes(StandardCharsets.UTF_8);
    }

    private static GhlWebhookVerifier verifier(GhlWebhookKeys keys) {
        return new GhlWebhookVerifier(keys, Duration.ofMinutes(5), 1 << 20, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void withoutConfigurationTheKeyIsGhlsPublishedRsaKeyAndNoEd25519() {
        GhlWebhookKeys keys = GhlWebhookKeys.from(Map.<String, String>of()::get);
        assertThat(keys.ed25519()).isNull();
        assertThat(keys.rsa()).isInstanceOf(RSAPublicKey.class);
        // the key of docs/oauth/WebhookAuthentication.md is a 4096-bit RSA key; its base64 opens with these characters
        assertThat(((RSAPublicKey) keys.rsa()).getModulus().bitLength()).isEqualTo(4096);
        assertThat(Base64.getEncoder().encodeToString(keys.rsa().getEncoded())).startsWith("MIICIjANBgkqhkiG9w0BAQEFAAOCAg8AMIICCgKCAgEAokvo/r9t");
    }

    @Test
    void keysAreReadAsPemAsBase64AndAsEscapedPem() {
        byte[] spki = SIGNER.ed25519PublicKey().getEncoded();
        String rawKey = Base64.getEncoder().encodeToString(Arrays.copyOfRange(spki, spki.length - 32, spki.length));
        for (String ed : new String[] {SIGNER.ed25519PublicKeyPem(), Base64.getEncoder().encodeToString(spki), rawKey,
                SIGNER.ed25519PublicKeyPem().replace("\n", "\\n")}) {
            GhlWebhookKeys keys = GhlWebhookKeys.from(Map.of("ghl.webhook.ed25519-key", ed,
                    "ghl.webhook.public-key", SIGNER.rsaPublicKeyPem().replace("\n", "\\n"))::get);
            assertThat(keys.ed25519()).as(ed).isEqualTo(SIGNER.ed25519PublicKey());
            assertThat(keys.rsa()).isEqualTo(SIGNER.rsaPublicKey());
        }
    }

    @Test
    void aKeyThatDoesNotParseStopsTheStartWithTheSettingsName() {
        assertThatThrownBy(() -> GhlWebhookKeys.from(Map.of("ghl.webhook.ed25519-key", "bm90IGEga2V5")::get))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("GHL_WEBHOOK_ED25519_KEY");
        assertThatThrownBy(() -> GhlWebhookKeys.from(Map.of("ghl.webhook.public-key", SIGNER.ed25519PublicKeyPem())::get))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("GHL_WEBHOOK_PUBLIC_KEY");
    }

    @Test
    void withNoKeyAtAllEveryRequestIsRefused() {
        GhlWebhookKeys none = GhlWebhookKeys.from(Map.of("ghl.webhook.public-key", "none")::get);
        assertThat(none.none()).isTrue();
        byte[] body = event();
        assertThatThrownBy(() -> verifier(none).verify("application/json", body, SIGNER.sign(body).ed25519(), SIGNER.sign(body).rsa()))
                .isInstanceOf(WebhookRejection.class).hasMessageContaining("no GHL webhook public key")
                .satisfies(e -> assertThat(((WebhookRejection) e).status()).isEqualTo(401));
    }

    @Test
    void aSignatureWhoseKeyIsNotConfiguredIsRefusedSayingSo() {
        byte[] body = event();
        GhlWebhookVerifier rsaOnly = verifier(new GhlWebhookKeys(SIGNER.rsaPublicKey(), null));
        assertThatThrownBy(() -> rsaOnly.verify("application/json", body, SIGNER.sign(body).ed25519(), null))
                .hasMessageContaining("no Ed25519 key is configured");
        assertThat(rsaOnly.verify("application/json", body, SIGNER.sign(body).ed25519(), SIGNER.sign(body).rsa()).get("id").asText())
                .isEqualTo("c1");
        GhlWebhookVerifier edOnly = verifier(new GhlWebhookKeys(null, SIGNER.ed25519PublicKey()));
        assertThatThrownBy(() -> edOnly.verify("application/json", body, null, SIGNER.sign(body).rsa()))
                .hasMessageContaining("switched off");
    }
}
