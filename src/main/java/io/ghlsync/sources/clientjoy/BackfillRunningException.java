package io.ghlsync.sources.clientjoy;

/** A backfill was asked for while the same one is running in this process. */
public final class BackfillRunningException extends RuntimeException {

    public BackfillRunningException(BackfillScope scope) {
        super("a backfill of " + scope + " is running already", null, false, false);
    }
}
