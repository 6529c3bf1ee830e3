package io.ghlsync.state;

/** The sync state every flow shares: links, poll cursors and processed event ids, all on one database. */
public interface SyncState {

    Links links();

    PollCursors pollCursors();

    ProcessedEvents processedEvents();
}
