package io.ghlsync.operations;

import io.ghlsync.Settings;
import io.ghlsync.state.StateDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link DeadLetterReplayTest} with the state in PostgreSQL instead of the embedded database. */
class DeadLetterReplayPostgresTest extends DeadLetterReplayTest {

    private final OnPostgres postgres = new OnPostgres();

    @BeforeAll
    static void requirePostgres() {
        OnPostgres.require();
    }

    @Override
    protected Settings settings() {
        return postgres.apply(super.settings());
    }

    @AfterEach
    void dropSchema() {
        assertThat(context.getRegistry().lookupByNameAndType("stateDatabase", StateDatabase.class).isEmbedded())
                .as("the engine ran on PostgreSQL").isFalse();
        context.stop(); // before the schema goes: the inbox consumer would poll a dropped table
        postgres.drop();
    }
}
