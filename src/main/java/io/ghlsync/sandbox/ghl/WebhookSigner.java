package io.ghlsync.sandbox.ghl;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;

/**
 * Signs webhook bodies the two ways GHL does: {@code x-wh-signature} (RSA, SHA256withRSA, the documented scheme) and
 * {@code X-GHL-Signature} (Ed25519, the newer one). Keys are generated per sandbox start; the public halves are
 * published as PEM (X.509 SubjectPublicKeyInfo) so the engine can be told to trust them.
 */
public final class WebhookSigner {

    public static final String RSA_HEADER = "x-wh-signature";
    public static final String ED25519_HEADER = "X-GHL-Signature";

    private final KeyPair rsa;
    private final KeyPair ed25519;

    public WebhookSigner() {
        try {
            KeyPairGenerator rsaGenerator = KeyPairGenerator.getInstance("RSA");
            rsaGenerator.initialize(2048);
            this.rsa = rsaGenerator.generateKeyPair();
            this.ed25519 = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot make RSA or Ed25519 keys", e);
        }
    }

    /** Both signatures of exactly these bytes, base64. */
    public record Signatures(String rsa, String ed25519) {
    }

    public Signatures sign(byte[] body) {
        try {
            Signature rsaSignature = Signature.getInstance("SHA256withRSA");
            rsaSignature.initSign(rsa.getPrivate());
            rsaSignature.update(body);
            Signature edSignature = Signature.getInstance("Ed25519");
            edSignature.initSign(ed25519.getPrivate());
            edSignature.update(body);
            Base64.Encoder base64 = Base64.getEncoder();
            return new Signatures(base64.encodeToString(rsaSignature.sign()), base64.encodeToString(edSignature.sign()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("webhook signing failed", e);
        }
    }

    public String rsaPublicKeyPem() {
        return pem(rsa.getPublic());
    }

    public String ed25519PublicKeyPem() {
        return pem(ed25519.getPublic());
    }

    public PublicKey rsaPublicKey() {
        return rsa.getPublic();
    }

    public PublicKey ed25519PublicKey() {
        return ed25519.getPublic();
    }

    private static String pem(PublicKey key) {
        String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded());
        return "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n";
    }
}
