package io.ghlsync.state;

import io.ghlsync.ghl.auth.OAuthTokens;

import java.nio.file.Path;

/**
 * A separate process for {@link H2CrashDurabilityTest}: commits numbered writes to the embedded database and prints
 * each number only after the write returned, until it is killed.
 */
public final class CommitLoop {

    private CommitLoop() {
    }

    public static void main(String[] args) {
        StateDatabase db = StateDatabase.embedded(Path.of(args[0]));
        JdbcTokenStore tokens = db.tokenStore(TokenCipher.fromSecret(args[1]));
        for (long i = 1; ; i++) {
            db.pollCursors().advance("cliengo", "leads", Long.toString(i));
            db.processedEvents().markProcessed("crash", "event-" + i);
            tokens.save("loc-1", new OAuthTokens("access-" + i, "refresh-" + i, null, null));
            System.out.println(i);
            System.out.flush();
        }
    }
}
