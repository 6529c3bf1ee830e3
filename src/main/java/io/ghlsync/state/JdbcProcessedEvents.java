package io.ghlsync.state;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * {@link ProcessedEvents} on the {@code processed_event} table (camel-sql's column names). Marking is a bare insert in
 * its own transaction: the primary key turns a racing duplicate into SQLState 23505, read here as "already seen".
 */
public final class JdbcProcessedEvents implements ProcessedEvents {

    private final DataSource dataSource;
    private final Clock clock;

    public JdbcProcessedEvents(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    @Override
    public boolean markProcessed(String scope, String eventId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "INSERT INTO processed_event (processorName, messageId, createdAt) VALUES (?, ?, ?)")) {
            ps.setString(1, scope);
            ps.setString(2, eventId);
            ps.setObject(3, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
            ps.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (UniqueViolation.isCause(e)) {
                return false;
            }
            throw new StateStoreException("cannot record processed event " + scope + "/" + eventId + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean isProcessed(String scope, String eventId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT 1 FROM processed_event WHERE processorName = ? AND messageId = ?")) {
            ps.setString(1, scope);
            ps.setString(2, eventId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new StateStoreException("cannot read processed event " + scope + "/" + eventId + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean forget(String scope, String eventId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "DELETE FROM processed_event WHERE processorName = ? AND messageId = ?")) {
            ps.setString(1, scope);
            ps.setString(2, eventId);
            return ps.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new StateStoreException("cannot forget processed event " + scope + "/" + eventId + ": " + e.getMessage(), e);
        }
    }

    @Override
    public int purgeOlderThan(Instant cutoff) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM processed_event WHERE createdAt < ?")) {
            ps.setObject(1, OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC));
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new StateStoreException("cannot purge processed events: " + e.getMessage(), e);
        }
    }
}
