package io.ghlsync.operations;

import io.ghlsync.Settings;
import io.ghlsync.state.PostgresTestDatabase;
import org.junit.jupiter.api.Assumptions;

/** Points an engine test at a schema of its own in PostgreSQL, or skips it with the reason PostgreSQL is not there. */
final class OnPostgres {

    private PostgresTestDatabase database;

    static void require() {
        String why = PostgresTestDatabase.whyUnreachable();
        Assumptions.assumeTrue(why == null, why);
    }

    Settings apply(Settings settings) {
        if (database == null) {
            database = new PostgresTestDatabase();
        }
        return settings.override("ghlsync.db.url", database.jdbcUrl()).override("ghlsync.db.user", database.user());
    }

    void drop() {
        if (database != null) {
            database.destroy();
        }
    }
}
