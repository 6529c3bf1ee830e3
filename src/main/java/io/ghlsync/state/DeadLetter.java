package io.ghlsync.state;

import java.time.Instant;

/** One stored dead letter: its id, what failed ({@link DeadLetterFailure}), where it stands, and when. */
public record DeadLetter(long id, DeadLetterFailure failure, DeadLetterStatus status, Instant createdAt,
                         Instant updatedAt) {
}
