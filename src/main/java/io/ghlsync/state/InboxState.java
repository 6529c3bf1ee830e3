package io.ghlsync.state;

import java.util.Locale;

/** An inbox item's life: pending, processing (leased to a node), then done or failed (handed to the dead letters). */
public enum InboxState {
    PENDING, PROCESSING, DONE, FAILED;

    public String dbName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static InboxState fromDbName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
