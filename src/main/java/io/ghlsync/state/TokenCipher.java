package io.ghlsync.state;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Encrypts secrets at rest with AES-256-GCM under the key given by {@code GHLSYNC_SECRET_KEY}.
 *
 * <p>Key: a value that is base64 for exactly 32 bytes is the key itself (generate one with
 * {@code openssl rand -base64 32}); anything else is a passphrase, stretched with PBKDF2-HMAC-SHA256 (600,000
 * iterations, OWASP's figure for that hash) and a fixed application salt. PBKDF2 rather than HKDF because a passphrase
 * may be guessable and HKDF does nothing to slow guessing; a fixed salt because the key must be re-derivable from the
 * environment alone, with nothing stored beside the data it protects.
 *
 * <p>Sealed value: {@code version(1) | nonce(12) | ciphertext+tag}. A fresh random 96-bit nonce per value; the
 * associated data names what the value is and whose it is, so a ciphertext copied to another row or column fails.
 */
public final class TokenCipher {

    private static final byte VERSION = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int KEY_BYTES = 32;
    private static final int PBKDF2_ITERATIONS = 600_000;
    private static final byte[] PBKDF2_SALT = "ghl-sync/GHLSYNC_SECRET_KEY/v1".getBytes(StandardCharsets.UTF_8);

    private final SecretKeySpec key;
    private final String keyId;
    private final SecureRandom random = new SecureRandom();

    private TokenCipher(byte[] keyBytes) {
        this.key = new SecretKeySpec(keyBytes, "AES");
        this.keyId = fingerprint(keyBytes);
    }

    /** A cipher for the configured secret; a blank secret is refused, the caller decides what to do without one. */
    public static TokenCipher fromSecret(String secret) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("GHLSYNC_SECRET_KEY is not set: stored tokens need a key to be encrypted");
        }
        byte[] raw = decodeRawKey(secret.strip());
        return new TokenCipher(raw != null ? raw : stretch(secret));
    }

    /** A cipher with a new random key, for a sandbox run whose tokens need not outlive the process. */
    public static TokenCipher withRandomKey() {
        byte[] bytes = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(bytes);
        return new TokenCipher(bytes);
    }

    /** A short, non-secret name of the key (an HMAC of a constant under it), stored beside what it encrypted. */
    public String keyId() {
        return keyId;
    }

    public byte[] encrypt(String plaintext, String associatedData) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length).put(VERSION).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            // The JDK always has AES/GCM; reaching this means a broken JCE, and the message carries no data.
            throw new IllegalStateException("AES-GCM encryption unavailable: " + e.getClass().getSimpleName(), e);
        }
    }

    /**
     * Opens a value sealed by {@link #encrypt}. A wrong key, a value from another row or a tampered value all fail the
     * GCM tag check with {@link TokenDecryptionException}, whose message names {@code what} but never the content.
     */
    public String decrypt(byte[] sealed, String associatedData, String what) {
        if (sealed == null || sealed.length < 1 + NONCE_BYTES + TAG_BITS / 8 || sealed[0] != VERSION) {
            throw new TokenDecryptionException("cannot decrypt " + what + ": not a value sealed by this version of ghl-sync");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 1, NONCE_BYTES));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            byte[] plain = cipher.doFinal(sealed, 1 + NONCE_BYTES, sealed.length - 1 - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            // No cause attached: nothing from the failed attempt should travel further than this message.
            throw new TokenDecryptionException("cannot decrypt " + what
                    + ": it was encrypted with a different GHLSYNC_SECRET_KEY, or the stored value was altered");
        } catch (GeneralSecurityException e) {
            throw new TokenDecryptionException("cannot decrypt " + what + ": " + e.getClass().getSimpleName());
        }
    }

    private static byte[] decodeRawKey(String secret) {
        try {
            byte[] bytes = Base64.getDecoder().decode(secret);
            return bytes.length == KEY_BYTES ? bytes : null;
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }

    private static byte[] stretch(String passphrase) {
        char[] chars = passphrase.toCharArray();
        PBEKeySpec spec = new PBEKeySpec(chars, PBKDF2_SALT, PBKDF2_ITERATIONS, KEY_BYTES * 8);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 unavailable: " + e.getClass().getSimpleName(), e);
        } finally {
            spec.clearPassword();
            Arrays.fill(chars, '\0');
        }
    }

    private static String fingerprint(byte[] keyBytes) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(keyBytes, "HmacSHA256"));
            byte[] tag = mac.doFinal("ghl-sync key id".getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(tag, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable: " + e.getClass().getSimpleName(), e);
        }
    }

    @Override
    public String toString() {
        return "TokenCipher[AES-256-GCM, keyId=" + keyId + "]";
    }
}
