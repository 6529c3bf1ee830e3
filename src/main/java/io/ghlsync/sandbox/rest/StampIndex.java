package io.ghlsync.sandbox.rest;

import io.ghlsync.sandbox.ghl.SandboxClock;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The change order of a look-alike's records: each change gives the record a fresh stamp (epoch millis, strictly
 * increasing across the index), so "order by updatedAt" is the order of the stamps and a cursor is the last stamp read.
 * Paging then sees every record once, and a poller that uses the last updatedAt it saw as updatedSince misses nothing.
 * Not thread-safe: the owning store holds its own lock around every call.
 */
public final class StampIndex {

    /** One page of record ids; {@code nextCursor} is null on the last page. */
    public record Page(List<String> ids, Long nextCursor) {
    }

    private final SandboxClock clock;
    private final NavigableMap<Long, String> byStamp = new TreeMap<>();
    private final Map<String, Long> stampOf = new HashMap<>();
    private long lastStamp;

    public StampIndex(SandboxClock clock) {
        this.clock = clock;
    }

    /** Gives the record a new stamp, later than every earlier one and close to now, and returns it. */
    public long restamp(String id) {
        lastStamp = Math.max(clock.millis(), lastStamp + 1);
        Long old = stampOf.put(id, lastStamp);
        if (old != null) {
            byStamp.remove(old);
        }
        byStamp.put(lastStamp, id);
        return lastStamp;
    }

    public void remove(String id) {
        Long old = stampOf.remove(id);
        if (old != null) {
            byStamp.remove(old);
        }
    }

    public void clear() {
        byStamp.clear();
        stampOf.clear();
    }

    /** Ids stamped at or after {@code sinceMillis} (null: all), after the cursor stamp (null: from the start), oldest first. */
    public Page page(Long sinceMillis, Long cursor, int limit) {
        NavigableMap<Long, String> view = byStamp;
        if (sinceMillis != null) {
            view = view.tailMap(sinceMillis, true);
        }
        if (cursor != null) {
            view = view.tailMap(cursor, false);
        }
        List<String> out = new ArrayList<>(limit);
        Long last = null;
        for (Map.Entry<Long, String> entry : view.entrySet()) {
            if (out.size() == limit) {
                return new Page(out, last);
            }
            out.add(entry.getValue());
            last = entry.getKey();
        }
        return new Page(out, null);
    }
}
