package io.ghlsync.sources.ghl;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.function.Function;

/**
 * The public keys that verify GHL webhooks: RSA for {@code x-wh-signature} (GHL_WEBHOOK_PUBLIC_KEY, by default GHL's
 * published key, shipped as a resource) and Ed25519 for {@code X-GHL-Signature} (GHL_WEBHOOK_ED25519_KEY, no default).
 * A key is PEM, or its base64 without the armour; an Ed25519 key may also be the bare 32 bytes in base64. A key that
 * does not parse stops the start-up with the reason: a typo must not silently turn verification off.
 */
public record GhlWebhookKeys(PublicKey rsa, PublicKey ed25519) {

    /** Setting {@code ghl.webhook.public-key} to this switches the legacy RSA scheme off. */
    public static final String NONE = "none";
    static final String PUBLISHED_KEY_RESOURCE = "/ghl-webhook-public-key.pem";
    /** The DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410), before the 32 key bytes. */
    private static final byte[] ED25519_SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    public static GhlWebhookKeys from(Function<String, String> settings) {
        String rsa = settings.apply("ghl.webhook.public-key");
        String ed25519 = settings.apply("ghl.webhook.ed25519-key");
        PublicKey rsaKey = NONE.equalsIgnoreCase(trim(rsa)) ? null
                : parse(rsa == null ? publishedKey() : rsa, "RSA", "GHL_WEBHOOK_PUBLIC_KEY");
        PublicKey edKey = ed25519 == null || NONE.equalsIgnoreCase(trim(ed25519)) ? null
                : parse(ed25519, "Ed25519", "GHL_WEBHOOK_ED25519_KEY");
        return new GhlWebhookKeys(rsaKey, edKey);
    }

    public boolean none() {
        return rsa == null && ed25519 == null;
    }

    /** GHL's published RSA key, as docs/oauth/WebhookAuthentication.md gives it. */
    static String publishedKey() {
        try (InputStream in = GhlWebhookKeys.class.getResourceAsStream(PUBLISHED_KEY_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(PUBLISHED_KEY_RESOURCE + " is missing from the application");
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + PUBLISHED_KEY_RESOURCE + ": " + e.getMessage(), e);
        }
    }

    static PublicKey parse(String text, String algorithm, String setting) {
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(armourStripped(text));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(setting + " is not a PEM or base64 public key: " + e.getMessage(), e);
        }
        if (algorithm.equals("Ed25519") && der.length == 32) {
            byte[] spki = new byte[ED25519_SPKI_PREFIX.length + 32];
            System.arraycopy(ED25519_SPKI_PREFIX, 0, spki, 0, ED25519_SPKI_PREFIX.length);
            System.arraycopy(der, 0, spki, ED25519_SPKI_PREFIX.length, 32);
            der = spki;
        }
        try {
            return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(setting + " is not an " + algorithm + " public key: " + e.getMessage(), e);
        }
    }

    /** The base64 between the BEGIN and END lines of a PEM (text around them ignored), or the text itself. */
    private static String armourStripped(String text) {
        // a PEM pasted into an .env file often arrives with its line breaks written as \n
        String pem = text.replace("\\n", "\n").strip();
        int begin = pem.indexOf("-----BEGIN");
        if (begin < 0) {
            return pem;
        }
        int bodyStart = pem.indexOf('\n', begin);
        int end = pem.indexOf("-----END", begin);
        if (bodyStart < 0 || end < bodyStart) {
            throw new IllegalArgumentException("the PEM has no END line");
        }
        return pem.substring(bodyStart + 1, end);
    }

    private static String trim(String value) {
        return value == null ? null : value.strip();
    }
}
