package io.ghlsync.sandbox.ghl;

import java.util.concurrent.ThreadLocalRandom;

/** Record ids shaped like GHL's (20 alphanumeric characters), so clients that store or validate ids see real-looking ones. */
final class SandboxIds {

    private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private SandboxIds() {
    }

    static String next() {
        return next(20);
    }

    static String next(int length) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        char[] id = new char[length];
        for (int i = 0; i < length; i++) {
            id[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return new String(id);
    }

    /** Opaque bearer values (tokens, codes): longer, so guessing one is hopeless even in a shared demo. */
    static String secret(String prefix) {
        return prefix + next(40);
    }
}
