package io.ghlsync.state;

import org.apache.camel.processor.aggregate.jdbc.JdbcAggregationRepository;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import java.time.Duration;

/**
 * Repositories for Camel's aggregate EIP kept in the state database (camel-sql's JdbcAggregationRepository on the
 * tables of migration V3), so what sits in an aggregator survives a crash: each add is committed before the inbox
 * marks its event done, a completed group stays in {@code <table>_completed} until its processing succeeded, and the
 * recovery task runs again whatever a dead process left there.
 */
public final class DurableAggregations {

    private DurableAggregations() {
    }

    /**
     * A repository on {@code table} (and {@code table_completed}) with recovery every {@code recoveryInterval}; a group
     * recovered {@code maximumRedeliveries} times without success goes to {@code deadLetterUri}.
     */
    public static JdbcAggregationRepository on(StateDatabase database, String table, Duration recoveryInterval,
            int maximumRedeliveries, String deadLetterUri) {
        JdbcAggregationRepository repository = new JdbcAggregationRepository(
                new DataSourceTransactionManager(database.dataSource()), table, database.dataSource());
        repository.setUseRecovery(true);
        repository.setRecoveryInterval(recoveryInterval.toMillis());
        repository.setMaximumRedeliveries(maximumRedeliveries);
        repository.setDeadLetterUri(deadLetterUri);
        // the groups hold JSON text and plain headers only: nothing else may be read back from the table
        repository.setAllowSerializedHeaders(false);
        return repository;
    }
}
