package io.ghlsync.bench;

/** Waits of the load generator between polls of the sandbox (the bench measures, so it may sleep; tests never do). */
final class Pause {

    private Pause() {
    }

    static void millis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
