package io.ghlsync.state;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * {@link ReconcileSeen} on the {@code reconcile_seen} table (migration V7); a page of ids is one batch in one commit,
 * and "linked but not seen" is an anti-join against the {@code link} table.
 */
public final class JdbcReconcileSeen implements ReconcileSeen {

    private final DataSource dataSource;

    public JdbcReconcileSeen(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void clear() {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("DELETE FROM reconcile_seen")) {
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StateStoreException("cannot clear the reconciliation's seen ids: " + e.getMessage(), e);
        }
    }

    @Override
    public void add(String runId, Side side, Collection<String> ids) {
        if (ids.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO reconcile_seen (run_id, side, record_id)"
                    + " VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
                for (String id : new LinkedHashSet<>(ids)) {
                    ps.setString(1, runId);
                    ps.setString(2, side.dbName());
                    ps.setString(3, id);
                    ps.addBatch();
                }
                ps.executeBatch();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StateStoreException("cannot record the ids the reconciliation saw: " + e.getMessage(), e);
        }
    }

    @Override
    public long countUnseen(String runId, Side side, String sourceSystem, String locationId, Instant before) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*)" + unseenFrom(side))) {
            bindUnseen(ps, runId, side, sourceSystem, locationId, before);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new StateStoreException("cannot count the links the reconciliation did not see: " + e.getMessage(), e);
        }
    }

    @Override
    public List<Unseen> unseen(String runId, Side side, String sourceSystem, String locationId, Instant before, int limit) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT l.source_id, l.ghl_id" + unseenFrom(side)
                     + " ORDER BY l.id LIMIT " + Math.max(0, limit))) {
            bindUnseen(ps, runId, side, sourceSystem, locationId, before);
            List<Unseen> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Unseen(rs.getString(1), rs.getString(2)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StateStoreException("cannot list the links the reconciliation did not see: " + e.getMessage(), e);
        }
    }

    @Override
    public long linkedContacts(String sourceSystem, String locationId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM link WHERE source_system = ?"
                     + " AND entity_type = 'contact' AND location_id = ?")) {
            ps.setString(1, sourceSystem);
            ps.setString(2, locationId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new StateStoreException("cannot count the linked contacts: " + e.getMessage(), e);
        }
    }

    private static String unseenFrom(Side side) {
        String column = side == Side.GHL ? "l.ghl_id" : "l.source_id";
        return " FROM link l WHERE l.source_system = ? AND l.entity_type = 'contact' AND l.location_id = ?"
                + " AND l.updated_at < ? AND NOT EXISTS (SELECT 1 FROM reconcile_seen s"
                + " WHERE s.run_id = ? AND s.side = ? AND s.record_id = " + column + ")";
    }

    private static void bindUnseen(PreparedStatement ps, String runId, Side side, String sourceSystem, String locationId,
            Instant before) throws SQLException {
        ps.setString(1, sourceSystem);
        ps.setString(2, locationId);
        ps.setObject(3, OffsetDateTime.ofInstant(before, ZoneOffset.UTC));
        ps.setString(4, runId);
        ps.setString(5, side.dbName());
    }
}
