package io.ghlsync.operations;

/** {@link DeadLetterReplayTest} with the engine's state in PostgreSQL instead of the embedded database. */
class DeadLetterReplayPostgresTest extends DeadLetterReplayTest {

    @Override
    protected boolean onPostgres() {
        return true;
    }
}
