package io.ghlsync.operations;

/** {@link InboxDeadLetterTest} with the engine's state in PostgreSQL instead of the embedded database. */
class InboxDeadLetterPostgresTest extends InboxDeadLetterTest {

    @Override
    protected boolean onPostgres() {
        return true;
    }
}
