package io.ghlsync.sources.cliengo;

/** The aggregation recovery test with the state (inbox, aggregation tables, links) in PostgreSQL. */
class CliengoAggregationRecoveryPostgresTest extends CliengoAggregationRecoveryTest {

    @Override
    protected boolean onPostgres() {
        return true;
    }
}
