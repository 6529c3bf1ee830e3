package io.ghlsync.state;

import org.junit.jupiter.api.Assumptions;

/** The dead-letter store suite on PostgreSQL; skipped, with the reason, when PostgreSQL is not reachable. */
class DeadLetterStorePostgresTest extends DeadLetterStoreSuite {

    @Override
    protected SuiteDatabase newDatabase() {
        String why = PostgresTestDatabase.whyUnreachable();
        Assumptions.assumeTrue(why == null, why);
        return new PostgresTestDatabase();
    }
}
