package io.ghlsync.sources.clientjoy;

/** A reconciliation stopped before its deletes, with the reason: what it read cannot be trusted to delete by. */
public final class ReconcileAbortedException extends RuntimeException {

    public ReconcileAbortedException(String reason) {
        super(reason, null, false, false);
    }
}
