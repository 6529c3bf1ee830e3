package io.ghlsync.state;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** {@link PollCursors} on the {@code poll_cursor} table; each advance is its own committed statement. */
public final class JdbcPollCursors implements PollCursors {

    private final DataSource dataSource;
    private final Clock clock;

    public JdbcPollCursors(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    @Override
    public Optional<String> get(String sourceSystem, String stream) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT cursor_value FROM poll_cursor WHERE source_system = ? AND stream = ?")) {
            ps.setString(1, sourceSystem);
            ps.setString(2, stream);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("read", sourceSystem, stream, e);
        }
    }

    @Override
    public Map<String, String> streams(String sourceSystem, String prefix) {
        Map<String, String> out = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT stream, cursor_value FROM poll_cursor"
                     + " WHERE source_system = ? AND stream LIKE ? ESCAPE '!' ORDER BY stream")) {
            ps.setString(1, sourceSystem);
            ps.setString(2, prefix.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure("list", sourceSystem, prefix + "*", e);
        }
    }

    @Override
    public void advance(String sourceSystem, String stream, String value) {
        try (Connection c = dataSource.getConnection()) {
            if (update(c, sourceSystem, stream, null, value) > 0) {
                return;
            }
            try {
                insert(c, sourceSystem, stream, value);
            } catch (SQLException e) {
                if (!UniqueViolation.isCause(e)) {
                    throw e;
                }
                // created meanwhile by another writer: last writer wins, as with any unconditional advance
                update(c, sourceSystem, stream, null, value);
            }
        } catch (SQLException e) {
            throw failure("advance", sourceSystem, stream, e);
        }
    }

    @Override
    public boolean advance(String sourceSystem, String stream, Optional<String> expected, String value) {
        try (Connection c = dataSource.getConnection()) {
            if (expected.isPresent()) {
                return update(c, sourceSystem, stream, expected.get(), value) > 0;
            }
            try {
                insert(c, sourceSystem, stream, value);
                return true;
            } catch (SQLException e) {
                if (UniqueViolation.isCause(e)) {
                    return false;
                }
                throw e;
            }
        } catch (SQLException e) {
            throw failure("advance", sourceSystem, stream, e);
        }
    }

    private int update(Connection c, String sourceSystem, String stream, String expected, String value) throws SQLException {
        String sql = "UPDATE poll_cursor SET cursor_value = ?, updated_at = ? WHERE source_system = ? AND stream = ?"
                + (expected == null ? "" : " AND cursor_value = ?");
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, value);
            ps.setObject(2, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
            ps.setString(3, sourceSystem);
            ps.setString(4, stream);
            if (expected != null) {
                ps.setString(5, expected);
            }
            return ps.executeUpdate();
        }
    }

    private void insert(Connection c, String sourceSystem, String stream, String value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO poll_cursor (source_system, stream, cursor_value, updated_at) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, sourceSystem);
            ps.setString(2, stream);
            ps.setString(3, value);
            ps.setObject(4, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
            ps.executeUpdate();
        }
    }

    private static StateStoreException failure(String verb, String sourceSystem, String stream, SQLException e) {
        return new StateStoreException("cannot " + verb + " the poll cursor " + sourceSystem + "/" + stream + ": "
                + e.getMessage(), e);
    }
}
