package io.ghlsync.state;

import org.junit.jupiter.api.Assumptions;

/** The inbox suite on PostgreSQL, each test in a throw-away schema; skipped, with the reason, when it is unreachable. */
class InboxPostgresTest extends InboxStoreSuite {

    @Override
    protected SuiteDatabase newDatabase() {
        String why = PostgresTestDatabase.whyUnreachable();
        Assumptions.assumeTrue(why == null, why);
        return new PostgresTestDatabase();
    }
}
