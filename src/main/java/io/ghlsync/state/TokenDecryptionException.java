package io.ghlsync.state;

/** A stored secret could not be decrypted; the message says which and why, never what it contains. */
public class TokenDecryptionException extends StateStoreException {

    public TokenDecryptionException(String message) {
        super(message);
    }
}
