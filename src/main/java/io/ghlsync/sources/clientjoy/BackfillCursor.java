package io.ghlsync.sources.clientjoy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Instant;

/**
 * Where a backfill stands, as kept in its poll cursor after every finished page: the GHL paging position of the next
 * page ({@code startAfter} + {@code startAfterId} for a location, {@code skip} for a business), how many contacts are
 * done, how many GHL said there are, and whether it is running or done. A restart resumes from here: at most the page
 * in flight is done again, and writes by external id make that harmless.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BackfillCursor(String state, Long startAfter, String startAfterId, long skip, long copied, long total,
        String startedAt, String finishedAt) {

    public static final String RUNNING = "running";
    public static final String DONE = "done";
    private static final ObjectMapper JSON = new ObjectMapper();

    static BackfillCursor fresh(Instant now) {
        return new BackfillCursor(RUNNING, null, null, 0, 0, 0, now.toString(), null);
    }

    boolean running() {
        return RUNNING.equals(state);
    }

    /** After one more page: the next position and the new count; done when that page was the last. */
    BackfillCursor next(Long nextStartAfter, String nextStartAfterId, int pageSize, long newTotal, boolean last, Instant now) {
        return new BackfillCursor(last ? DONE : RUNNING, nextStartAfter, nextStartAfterId, skip + pageSize, copied + pageSize,
                Math.max(newTotal, copied + pageSize), startedAt, last ? now.toString() : null);
    }

    String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a backfill cursor could not be written as JSON", e);
        }
    }

    static BackfillCursor fromJson(String json) {
        try {
            return JSON.readValue(json, BackfillCursor.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the stored backfill cursor is not readable: " + e.getOriginalMessage(), e);
        }
    }
}
