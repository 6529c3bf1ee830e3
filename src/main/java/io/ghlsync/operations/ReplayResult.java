package io.ghlsync.operations;

/** What became of one replay request, with the reason when it did not go through. */
public record ReplayResult(long id, Outcome outcome, String reason) {

    public enum Outcome {
        /** Went through the route and was delivered; the letter is REPLAYED. */
        REPLAYED,
        /** Went through the route and failed again; the same letter is PENDING with the new error. */
        FAILED_AGAIN,
        /** Not PENDING (being replayed, already replayed or discarded): nothing was sent. */
        NOT_PENDING,
        /** The letter names no entry point to replay into. */
        NOT_REPLAYABLE,
        NOT_FOUND
    }

    public boolean delivered() {
        return outcome == Outcome.REPLAYED;
    }
}
