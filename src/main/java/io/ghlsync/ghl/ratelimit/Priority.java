package io.ghlsync.ghl.ratelimit;

/** Which traffic waits for which: live changes go before backfill pages of the same location. */
public enum Priority {
    LIVE,
    BACKFILL
}
