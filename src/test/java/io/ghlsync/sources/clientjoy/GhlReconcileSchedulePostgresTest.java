package io.ghlsync.sources.clientjoy;

/** The scheduled reconciliation with the engine's state (links, cursors, seen ids of migration V7) in PostgreSQL. */
class GhlReconcileSchedulePostgresTest extends GhlReconcileScheduleTest {

    @Override
    protected boolean onPostgres() {
        return true;
    }
}
