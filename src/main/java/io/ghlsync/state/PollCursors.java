package io.ghlsync.state;

import java.util.Map;
import java.util.Optional;

/** Where each poll of each source stopped, so a restart resumes there instead of starting over. */
public interface PollCursors {

    Optional<String> get(String sourceSystem, String stream);

    /** Records {@code value} as the new position; durable when it returns. */
    void advance(String sourceSystem, String stream, String value);

    /**
     * Moves the cursor only if it is still at {@code expected} (empty: not set yet), so of two nodes that polled the
     * same page only one advances; false when someone else moved it first.
     */
    boolean advance(String sourceSystem, String stream, Optional<String> expected, String value);

    /** Every stream of a source whose name starts with {@code prefix}, with its value: how unfinished work is found again. */
    Map<String, String> streams(String sourceSystem, String prefix);
}
