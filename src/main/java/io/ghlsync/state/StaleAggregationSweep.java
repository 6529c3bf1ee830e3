package io.ghlsync.state;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.processor.aggregate.AggregateProcessor;
import org.apache.camel.spi.RecoverableAggregationRepository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Completes the groups of a durable aggregator that nothing would complete any more. Two cases, both left by a state
 * database that went away in the middle of a completion, both waiting for the next restart otherwise:
 * <ul>
 * <li>an open group whose completion failed: Camel keeps completion timeouts in memory and re-arms them from the
 * repository only when the aggregator starts. Each sweep forces the completion of every group that has not changed
 * since the sweep before (same version, same aggregated exchange), so the interval between sweeps must be longer than
 * the aggregation window;</li>
 * <li>a completed group ({@code <table>_completed}) whose exchange Camel still counts as in progress, which its
 * recovery task therefore skips. When {@code resendUri} is given, a completed group still there two sweeps in a row is
 * sent to it again and confirmed; that endpoint must be idempotent (an inbox, keyed by the batch id), and quick, as a
 * completion that really is in flight for a whole interval would be sent twice.</li>
 * </ul>
 * Hand-written: Camel offers forceCompletionOfGroup and recover, not a periodic check of the repository.
 */
public final class StaleAggregationSweep {

    private final StateDatabase database;
    private final String table;
    private final String aggregatorId;
    private final String resendUri;
    private Map<String, String> previous = Map.of();
    private Set<String> previousCompleted = Set.of();

    /**
     * The aggregator whose node id is {@code aggregatorId}, its groups in {@code table} (a DurableAggregations table);
     * completed groups stuck in progress are sent to {@code resendUri}, or left to the recovery task when it is null.
     */
    public StaleAggregationSweep(StateDatabase database, String table, String aggregatorId, String resendUri) {
        if (!table.matches("[a-z_]+")) {
            throw new IllegalArgumentException("not a table name: " + table);
        }
        this.database = database;
        this.table = table;
        this.aggregatorId = aggregatorId;
        this.resendUri = resendUri;
    }

    /** Forces the completion of the groups unchanged since the last sweep; answers how many were completed. */
    public synchronized int sweep(CamelContext context) {
        AggregateProcessor aggregator = context.getProcessor(aggregatorId, AggregateProcessor.class);
        if (aggregator == null) {
            return 0; // its route is not running
        }
        // a group is the same group when its key, version and aggregated exchange are: a key that completed and
        // started again (a tag set, a lead's next events) may reach the same version with a new exchange
        Map<String, String> current = new HashMap<>();
        rows(table).forEach((key, version) -> {
            Exchange group = aggregator.getAggregationRepository().get(context, key);
            if (group != null) {
                current.put(key, version + ":" + group.getExchangeId());
            }
        });
        int completed = 0;
        for (Map.Entry<String, String> group : current.entrySet()) {
            if (group.getValue().equals(previous.get(group.getKey()))) {
                completed += aggregator.forceCompletionOfGroup(group.getKey());
            }
        }
        previous = current;
        Set<String> currentCompleted = rows(table + "_completed").keySet();
        if (resendUri != null && aggregator.getAggregationRepository() instanceof RecoverableAggregationRepository repository) {
            for (String exchangeId : currentCompleted) {
                if (previousCompleted.contains(exchangeId)) {
                    completed += resend(context, repository, exchangeId);
                }
            }
        }
        previousCompleted = Set.copyOf(currentCompleted);
        return completed;
    }

    private int resend(CamelContext context, RecoverableAggregationRepository repository, String exchangeId) {
        Exchange batch = repository.recover(context, exchangeId);
        if (batch == null) {
            return 0;
        }
        try (ProducerTemplate template = context.createProducerTemplate()) {
            Exchange sent = template.send(resendUri, batch.copy());
            if (sent.getException() != null) {
                return 0; // still failing: the next sweep tries again
            }
        } catch (Exception e) {
            return 0; // the template did not close: the next sweep sends the batch again (stored once)
        }
        repository.confirm(context, exchangeId);
        return 1;
    }

    /** The rows of a repository table: id and version (the completed table has no version: 0). */
    private Map<String, Integer> rows(String name) {
        Map<String, Integer> rows = new HashMap<>();
        try (Connection c = database.dataSource().getConnection();
             PreparedStatement s = c.prepareStatement("SELECT * FROM " + name);
             ResultSet rs = s.executeQuery()) {
            boolean versioned = hasColumn(rs, "version");
            while (rs.next()) {
                rows.put(rs.getString("id"), versioned ? rs.getInt("version") : 0);
            }
        } catch (SQLException e) {
            throw new StateStoreException("cannot read the groups of " + name + ": " + e.getMessage(), e);
        }
        return rows;
    }

    private static boolean hasColumn(ResultSet rs, String column) throws SQLException {
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
            if (rs.getMetaData().getColumnName(i).equalsIgnoreCase(column)) {
                return true;
            }
        }
        return false;
    }
}
