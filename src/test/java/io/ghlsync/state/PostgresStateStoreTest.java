package io.ghlsync.state;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The state store suite on PostgreSQL (127.0.0.1:5432, database {@code test}, trust authentication), each test in a
 * throw-away schema. Without a reachable PostgreSQL every test here is skipped, and the skip says why.
 */
class PostgresStateStoreTest extends StateStoreSuite {

    /** Checked per test rather than in {@code @BeforeAll}: surefire shows each skipped test with this reason. */
    @Override
    protected SuiteDatabase newDatabase() {
        String why = PostgresTestDatabase.whyUnreachable();
        Assumptions.assumeTrue(why == null, why);
        return new PostgresTestDatabase();
    }

    @Test
    void aConfiguredJdbcUrlSelectsPostgres() {
        assertThat(db.isEmbedded()).isFalse();
        assertThat(db.toString()).contains("jdbc:postgresql://");
    }
}
