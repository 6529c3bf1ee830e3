package io.ghlsync.state;

import java.util.List;
import java.util.Optional;

/**
 * The dead-letter store. Status changes are conditional (compare-and-set on the status column), so two replays of
 * one letter, on one node or several, cannot both claim it.
 */
public interface DeadLetters {

    /** Stores a new PENDING letter; returns its id. */
    long add(DeadLetterFailure failure);

    /**
     * A replayed letter failed again: it becomes PENDING with the new error, its attempts added to the old ones.
     * False when there is no such letter or it was discarded meanwhile (the caller then stores a new one).
     */
    boolean failedAgain(long id, DeadLetterFailure failure);

    Optional<DeadLetter> get(long id);

    /** Matching letters, oldest first. */
    List<DeadLetter> list(DeadLetterFilter filter, int limit, int offset);

    long count(DeadLetterFilter filter);

    /** Ids of matching letters above {@code afterId}, in id order: how bulk operations walk a moving set. */
    List<Long> ids(DeadLetterFilter filter, long afterId, int limit);

    /** PENDING to REPLAYING; false when the letter is not PENDING (already claimed, replayed or discarded). */
    boolean claimForReplay(long id);

    /** REPLAYING to REPLAYED; false when the replay's own failure already put it back to PENDING. */
    boolean markReplayed(long id);

    /** REPLAYING back to PENDING, when a replay could not even be attempted or failed without a new letter. */
    boolean releaseClaim(long id);

    /** PENDING to DISCARDED; false when it is not PENDING. */
    boolean discard(long id);

    /** Discards every PENDING letter the filter matches (its statuses are ignored); returns how many. */
    int discard(DeadLetterFilter filter);
}
