package io.ghlsync.state;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The watermark of an inbox fed by an aggregator: the smallest intake sequence still upstream of it — an unfinished
 * item of the inbox the aggregator reads (its id is the sequence), or a group in the aggregation table, open or
 * completed and not yet stored (its first event's sequence, in {@code column}).
 */
public final class AggregationWatermark implements InboxWatermark {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final DataSource dataSource;
    private final String upstreamSource;
    private final String groupsQuery;

    public AggregationWatermark(StateDatabase database, String upstreamSource, String table, String column) {
        if (!NAME.matcher(table).matches() || !NAME.matcher(column).matches()) {
            throw new IllegalArgumentException("not a table or column name: " + table + "." + column);
        }
        this.dataSource = database.dataSource();
        this.upstreamSource = upstreamSource;
        this.groupsQuery = "SELECT MIN(CAST(" + column + " AS BIGINT)) FROM (SELECT " + column + " FROM " + table
                + " UNION ALL SELECT " + column + " FROM " + table + "_completed) g";
    }

    @Override
    public long releasedBelow() {
        try (Connection c = dataSource.getConnection()) {
            long mark = Long.MAX_VALUE;
            for (String state : List.of("pending", "processing")) {
                // the first entry of index inbox_source_state_ix, read in index order (H2 stops at the first row)
                try (PreparedStatement ps = c.prepareStatement("SELECT id FROM inbox WHERE source_system = ? AND state = ?"
                        + " AND id >= 0 ORDER BY source_system, state, id LIMIT 1")) {
                    ps.setString(1, upstreamSource);
                    ps.setString(2, state);
                    mark = min(mark, ps);
                }
            }
            try (PreparedStatement ps = c.prepareStatement(groupsQuery)) {
                mark = min(mark, ps);
            }
            return mark;
        } catch (SQLException e) {
            throw new StateStoreException("cannot read the watermark of " + upstreamSource + ": " + e.getMessage(), e);
        }
    }

    private static long min(long mark, PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            if (rs.next()) {
                long value = rs.getLong(1);
                if (!rs.wasNull()) {
                    return Math.min(mark, value);
                }
            }
            return mark;
        }
    }
}
