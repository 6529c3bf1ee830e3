package io.ghlsync.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@link DeadLetters} on V1's {@code dead_letter} table; every change is one committed statement. */
public final class JdbcDeadLetters implements DeadLetters {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = "id, route_id, source_system, location_id, replay_endpoint, source_record,"
            + " mapped_payload, headers, error_class, error_message, error_field, http_status, attempts, status,"
            + " created_at, updated_at";
    /** The column's size in V1; longer messages are cut rather than failing the store of the letter itself. */
    private static final int MESSAGE_MAX = 4000;
    private static final int SHORT_MAX = 255;

    private final DataSource dataSource;
    private final Clock clock;

    public JdbcDeadLetters(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    @Override
    public long add(DeadLetterFailure f) {
        String sql = "INSERT INTO dead_letter (route_id, source_system, location_id, replay_endpoint, source_record,"
                + " mapped_payload, headers, error_class, error_message, error_field, http_status, attempts, status,"
                + " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)";
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(sql, new String[] {"id"})) {
            OffsetDateTime now = now();
            ps.setString(1, cut(f.routeId(), SHORT_MAX));
            ps.setString(2, cut(f.sourceSystem(), 64));
            ps.setString(3, cut(f.locationId(), 128));
            ps.setString(4, cut(f.replayEndpoint(), 1024));
            ps.setString(5, f.sourceRecord());
            ps.setString(6, f.mappedPayload());
            ps.setString(7, headersJson(f.headers()));
            ps.setString(8, cut(f.errorClass(), SHORT_MAX));
            ps.setString(9, cut(f.errorMessage(), MESSAGE_MAX));
            ps.setString(10, cut(f.errorField(), SHORT_MAX));
            setInteger(ps, 11, f.httpStatus());
            ps.setInt(12, f.attempts());
            ps.setObject(13, now);
            ps.setObject(14, now);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new StateStoreException("the database returned no id for a new dead letter");
                }
                return keys.getLong(1);
            }
        } catch (SQLException e) {
            throw new StateStoreException("cannot store a dead letter of route " + f.routeId() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean failedAgain(long id, DeadLetterFailure f) {
        String sql = "UPDATE dead_letter SET status = 'pending', mapped_payload = ?, error_class = ?, error_message = ?,"
                + " error_field = ?, http_status = ?, attempts = attempts + ?, updated_at = ?"
                + " WHERE id = ? AND status <> 'discarded'";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, f.mappedPayload());
            ps.setString(2, cut(f.errorClass(), SHORT_MAX));
            ps.setString(3, cut(f.errorMessage(), MESSAGE_MAX));
            ps.setString(4, cut(f.errorField(), SHORT_MAX));
            setInteger(ps, 5, f.httpStatus());
            ps.setInt(6, f.attempts());
            ps.setObject(7, now());
            ps.setLong(8, id);
            return ps.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new StateStoreException("cannot record the new failure of dead letter " + id + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<DeadLetter> get(long id) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM dead_letter WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StateStoreException("cannot read dead letter " + id + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<DeadLetter> list(DeadLetterFilter filter, int limit, int offset) {
        Where where = Where.of(filter);
        String sql = "SELECT " + COLUMNS + " FROM dead_letter" + where.sql + " ORDER BY id LIMIT ? OFFSET ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int next = where.bind(ps, 1);
            ps.setInt(next, limit);
            ps.setInt(next + 1, offset);
            List<DeadLetter> letters = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    letters.add(read(rs));
                }
            }
            return letters;
        } catch (SQLException e) {
            throw new StateStoreException("cannot list dead letters: " + e.getMessage(), e);
        }
    }

    @Override
    public long count(DeadLetterFilter filter) {
        Where where = Where.of(filter);
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM dead_letter" + where.sql)) {
            where.bind(ps, 1);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new StateStoreException("cannot count dead letters: " + e.getMessage(), e);
        }
    }

    @Override
    public List<Long> ids(DeadLetterFilter filter, long afterId, int limit) {
        Where where = Where.of(filter);
        String sql = "SELECT id FROM dead_letter" + where.sql + (where.sql.isEmpty() ? " WHERE" : " AND")
                + " id > ? ORDER BY id LIMIT ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int next = where.bind(ps, 1);
            ps.setLong(next, afterId);
            ps.setInt(next + 1, limit);
            List<Long> ids = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            return ids;
        } catch (SQLException e) {
            throw new StateStoreException("cannot list dead letter ids: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean claimForReplay(long id) {
        return move(id, DeadLetterStatus.PENDING, DeadLetterStatus.REPLAYING);
    }

    @Override
    public boolean markReplayed(long id) {
        return move(id, DeadLetterStatus.REPLAYING, DeadLetterStatus.REPLAYED);
    }

    @Override
    public boolean releaseClaim(long id) {
        return move(id, DeadLetterStatus.REPLAYING, DeadLetterStatus.PENDING);
    }

    @Override
    public boolean discard(long id) {
        return move(id, DeadLetterStatus.PENDING, DeadLetterStatus.DISCARDED);
    }

    @Override
    public int discard(DeadLetterFilter filter) {
        Where where = Where.of(filter.withStatuses(Set.of(DeadLetterStatus.PENDING)));
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE dead_letter SET status = 'discarded', updated_at = ?"
                     + where.sql)) {
            ps.setObject(1, now());
            where.bind(ps, 2);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new StateStoreException("cannot discard dead letters: " + e.getMessage(), e);
        }
    }

    /** The compare-and-set every status change is: only a row still in {@code from} moves. */
    private boolean move(long id, DeadLetterStatus from, DeadLetterStatus to) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "UPDATE dead_letter SET status = ?, updated_at = ? WHERE id = ? AND status = ?")) {
            ps.setString(1, to.column());
            ps.setObject(2, now());
            ps.setLong(3, id);
            ps.setString(4, from.column());
            return ps.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new StateStoreException("cannot move dead letter " + id + " to " + to + ": " + e.getMessage(), e);
        }
    }

    private static DeadLetter read(ResultSet rs) throws SQLException {
        Integer http = rs.getObject("http_status") == null ? null : rs.getInt("http_status");
        DeadLetterFailure failure = new DeadLetterFailure(rs.getString("route_id"), rs.getString("source_system"),
                rs.getString("location_id"), rs.getString("replay_endpoint"), rs.getString("source_record"),
                rs.getString("mapped_payload"), headers(rs.getString("headers")), rs.getString("error_class"),
                rs.getString("error_message"), rs.getString("error_field"), http, rs.getInt("attempts"));
        return new DeadLetter(rs.getLong("id"), failure, DeadLetterStatus.fromColumn(rs.getString("status")),
                instant(rs, "created_at"), instant(rs, "updated_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    private static void setInteger(PreparedStatement ps, int index, Integer value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.INTEGER);
        } else {
            ps.setInt(index, value);
        }
    }

    private static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max - 1) + "…";
    }

    private static String headersJson(Map<String, String> headers) {
        try {
            return headers.isEmpty() ? null : JSON.writeValueAsString(headers);
        } catch (JsonProcessingException e) {
            throw new StateStoreException("cannot write a dead letter's headers as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static Map<String, String> headers(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        try {
            return JSON.readValue(json, new TypeReference<Map<String, String>>() { });
        } catch (JsonProcessingException e) {
            throw new StateStoreException("a dead letter's stored headers are not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** A filter as an SQL WHERE clause and its parameters, in order. */
    private record Where(String sql, List<Object> parameters) {

        static Where of(DeadLetterFilter f) {
            List<String> terms = new ArrayList<>();
            List<Object> parameters = new ArrayList<>();
            if (f.routeId() != null) {
                terms.add("route_id = ?");
                parameters.add(f.routeId());
            }
            if (f.sourceSystem() != null) {
                terms.add("source_system = ?");
                parameters.add(f.sourceSystem());
            }
            if (!f.statuses().isEmpty()) {
                List<String> marks = new ArrayList<>();
                f.statuses().stream().sorted().forEach(s -> {
                    marks.add("?");
                    parameters.add(s.column());
                });
                terms.add("status IN (" + String.join(", ", marks) + ")");
            }
            if (f.errorClass() != null) {
                terms.add("(error_class = ? OR error_class LIKE ? ESCAPE '!')");
                parameters.add(f.errorClass());
                parameters.add("%." + f.errorClass().replace("!", "!!").replace("%", "!%").replace("_", "!_"));
            }
            if (f.httpStatus() != null) {
                terms.add("http_status = ?");
                parameters.add(f.httpStatus());
            }
            if (f.createdAfter() != null) {
                terms.add("created_at >= ?");
                parameters.add(OffsetDateTime.ofInstant(f.createdAfter(), ZoneOffset.UTC));
            }
            if (f.createdBefore() != null) {
                terms.add("created_at < ?");
                parameters.add(OffsetDateTime.ofInstant(f.createdBefore(), ZoneOffset.UTC));
            }
            return new Where(terms.isEmpty() ? "" : " WHERE " + String.join(" AND ", terms), parameters);
        }

        /** Binds the parameters from {@code first}; returns the next free index. */
        int bind(PreparedStatement ps, int first) throws SQLException {
            int index = first;
            for (Object p : parameters) {
                ps.setObject(index++, p);
            }
            return index;
        }
    }
}
