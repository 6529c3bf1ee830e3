package io.ghlsync.operations;

/** {@link DeadLetterChannelTest} with the engine's state in PostgreSQL instead of the embedded database. */
class DeadLetterChannelPostgresTest extends DeadLetterChannelTest {

    @Override
    protected boolean onPostgres() {
        return true;
    }
}
