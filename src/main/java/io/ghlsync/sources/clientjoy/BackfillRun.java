package io.ghlsync.sources.clientjoy;

/**
 * The live figures of one backfill in this process: how far it is (from its cursor), and how fast it went since this
 * process started or resumed it, which gives the rate and the time left. Updated after every page.
 */
final class BackfillRun {

    private final long startedNanos = System.nanoTime();
    private final long copiedAtStart;
    private volatile BackfillCursor cursor;
    private volatile boolean active = true;
    private volatile String failure;

    BackfillRun(BackfillCursor cursor) {
        this.cursor = cursor;
        this.copiedAtStart = cursor.copied();
    }

    BackfillCursor cursor() {
        return cursor;
    }

    void advanced(BackfillCursor next) {
        cursor = next;
        if (!next.running()) {
            active = false;
        }
    }

    /** The backfill stopped on an error it could not get past; its cursor stays where it was, for a later resume. */
    void failed(String reason) {
        failure = reason;
        active = false;
    }

    boolean active() {
        return active;
    }

    String failure() {
        return failure;
    }

    /** Contacts per second since this process started the run (0 until the first page is done). */
    double rate() {
        double seconds = (System.nanoTime() - startedNanos) / 1e9;
        long done = cursor.copied() - copiedAtStart;
        return seconds <= 0 || done <= 0 ? 0 : done / seconds;
    }

    /** Seconds left at the current rate, or -1 when not known yet. */
    long etaSeconds() {
        double rate = rate();
        long left = Math.max(0, cursor.total() - cursor.copied());
        if (!cursor.running()) {
            return 0;
        }
        return rate <= 0 ? -1 : Math.round(left / rate);
    }
}
