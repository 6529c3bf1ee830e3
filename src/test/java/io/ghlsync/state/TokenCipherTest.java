package io.ghlsync.state;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How secrets are sealed: which keys are accepted, and that every kind of mismatch fails without showing the secret. */
class TokenCipherTest {

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String SECRET = "refresh-token-text";

    @Test
    void aSealedValueOpensWithTheSameKeyAndAssociatedData() {
        TokenCipher cipher = TokenCipher.fromSecret(KEY);
        byte[] sealed = cipher.encrypt(SECRET, "loc-1");

        assertThat(sealed[0]).as("version").isEqualTo((byte) 1);
        assertThat(sealed).hasSize(1 + 12 + SECRET.getBytes(StandardCharsets.UTF_8).length + 16);
        assertThat(TokenCipher.fromSecret(KEY).decrypt(sealed, "loc-1", "the token")).isEqualTo(SECRET);
    }

    @Test
    void everyValueGetsItsOwnNonce() {
        TokenCipher cipher = TokenCipher.fromSecret(KEY);
        assertThat(cipher.encrypt(SECRET, "loc-1")).isNotEqualTo(cipher.encrypt(SECRET, "loc-1"));
    }

    @Test
    void anotherKeyOtherAssociatedDataOrATamperedValueFailClearly() {
        byte[] sealed = TokenCipher.fromSecret(KEY).encrypt(SECRET, "loc-1");
        TokenCipher other = TokenCipher.fromSecret(Base64.getEncoder().encodeToString(new byte[] {
                1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32}));
        byte[] tampered = sealed.clone();
        tampered[tampered.length - 1] ^= 1;

        assertThatThrownBy(() -> other.decrypt(sealed, "loc-1", "the refresh token of location loc-1"))
                .isInstanceOf(TokenDecryptionException.class)
                .hasMessage("cannot decrypt the refresh token of location loc-1: it was encrypted with a different"
                        + " GHLSYNC_SECRET_KEY, or the stored value was altered")
                .hasNoCause();
        assertThatThrownBy(() -> TokenCipher.fromSecret(KEY).decrypt(sealed, "loc-2", "x"))
                .isInstanceOf(TokenDecryptionException.class).hasMessageNotContaining(SECRET);
        assertThatThrownBy(() -> TokenCipher.fromSecret(KEY).decrypt(tampered, "loc-1", "x"))
                .isInstanceOf(TokenDecryptionException.class).hasMessageNotContaining(SECRET);
        assertThatThrownBy(() -> TokenCipher.fromSecret(KEY).decrypt(SECRET.getBytes(StandardCharsets.UTF_8), "loc-1", "x"))
                .isInstanceOf(TokenDecryptionException.class).hasMessageContaining("not a value sealed");
    }

    @Test
    void aPassphraseIsStretchedToAStableKeyDistinctFromOthers() {
        TokenCipher first = TokenCipher.fromSecret("correct horse battery staple");
        TokenCipher again = TokenCipher.fromSecret("correct horse battery staple");
        TokenCipher other = TokenCipher.fromSecret("correct horse battery stapler");

        assertThat(again.keyId()).isEqualTo(first.keyId());
        assertThat(other.keyId()).isNotEqualTo(first.keyId());
        assertThat(again.decrypt(first.encrypt(SECRET, "a"), "a", "x")).isEqualTo(SECRET);
    }

    @Test
    void base64OfOtherThan32BytesIsAPassphraseNotAKey() {
        String sixteenBytes = Base64.getEncoder().encodeToString(new byte[16]);
        assertThat(TokenCipher.fromSecret(sixteenBytes).keyId()).isNotEqualTo(TokenCipher.fromSecret(KEY).keyId());
    }

    @Test
    void aMissingKeyIsRefusedAndTheKeyIsNeverShown() {
        assertThatThrownBy(() -> TokenCipher.fromSecret(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("GHLSYNC_SECRET_KEY");
        TokenCipher cipher = TokenCipher.fromSecret(KEY);
        assertThat(cipher.toString()).doesNotContain(KEY).contains(cipher.keyId());
        assertThat(cipher.keyId()).hasSize(16);
        assertThat(TokenCipher.withRandomKey().keyId()).isNotEqualTo(TokenCipher.withRandomKey().keyId());
    }
}
