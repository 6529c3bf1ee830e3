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
import java.util.Optional;

/**
 * {@link Links} on the {@code link} table. The upsert is update-then-insert in plain SQL (H2 has no
 * {@code ON CONFLICT DO UPDATE}); the unique keys settle races and this class reads their verdict.
 */
public final class JdbcLinks implements Links {

    private static final String COLUMNS = "source_system, entity_type, location_id, source_id, ghl_id, content_hash, updated_at, tags_added";
    private static final int UPSERT_ATTEMPTS = 3;

    private final DataSource dataSource;
    private final Clock clock;

    public JdbcLinks(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    @Override
    public Optional<Link> find(LinkKey key) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM link"
                     + " WHERE source_system = ? AND entity_type = ? AND location_id = ? AND source_id = ?")) {
            bindKey(ps, 1, key);
            return single(ps);
        } catch (SQLException e) {
            throw new StateStoreException("cannot read the link of " + describe(key) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<Link> findByGhlId(String sourceSystem, EntityType entityType, String locationId, String ghlId) {
        try (Connection c = dataSource.getConnection()) {
            return findByGhlId(c, sourceSystem, entityType, locationId, ghlId);
        } catch (SQLException e) {
            throw new StateStoreException("cannot read the link of GHL " + entityType.dbName() + " " + ghlId + ": "
                    + e.getMessage(), e);
        }
    }

    private Optional<Link> findByGhlId(Connection c, String sourceSystem, EntityType entityType, String locationId,
            String ghlId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM link"
                + " WHERE source_system = ? AND entity_type = ? AND location_id = ? AND ghl_id = ?")) {
            ps.setString(1, sourceSystem);
            ps.setString(2, entityType.dbName());
            ps.setString(3, locationId);
            ps.setString(4, ghlId);
            return single(ps);
        }
    }

    @Override
    public Link upsert(LinkKey key, String ghlId, String contentHash, String tagsAdded) {
        Instant now = clock.instant();
        for (int attempt = 1; ; attempt++) {
            try (Connection c = dataSource.getConnection()) {
                try {
                    if (update(c, key, ghlId, contentHash, tagsAdded, now) == 0) {
                        insert(c, key, ghlId, contentHash, tagsAdded, now);
                    }
                    return new Link(key, ghlId, contentHash, now, tagsAdded);
                } catch (SQLException e) {
                    if (!UniqueViolation.isCause(e)) {
                        throw e;
                    }
                    // Either another record holds this GHL id, or a concurrent writer inserted this key first.
                    Optional<Link> holder = findByGhlId(c, key.sourceSystem(), key.entityType(), key.locationId(), ghlId);
                    if (holder.isPresent() && !holder.get().key().equals(key)) {
                        throw new LinkConflictException(key, ghlId, holder.get().key().sourceId());
                    }
                    if (attempt == UPSERT_ATTEMPTS) {
                        throw new StateStoreException("the link of " + describe(key) + " kept changing under concurrent writes", e);
                    }
                    // the row exists now: the next round updates it
                }
            } catch (SQLException e) {
                throw new StateStoreException("cannot store the link of " + describe(key) + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    public boolean delete(LinkKey key) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM link"
                     + " WHERE source_system = ? AND entity_type = ? AND location_id = ? AND source_id = ?")) {
            bindKey(ps, 1, key);
            return ps.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new StateStoreException("cannot delete the link of " + describe(key) + ": " + e.getMessage(), e);
        }
    }

    private static int update(Connection c, LinkKey key, String ghlId, String contentHash, String tagsAdded, Instant now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE link SET ghl_id = ?, content_hash = ?, updated_at = ?,"
                + " tags_added = ? WHERE source_system = ? AND entity_type = ? AND location_id = ? AND source_id = ?")) {
            ps.setString(1, ghlId);
            ps.setString(2, contentHash);
            ps.setObject(3, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
            ps.setString(4, tagsAdded);
            bindKey(ps, 5, key);
            return ps.executeUpdate();
        }
    }

    private static void insert(Connection c, LinkKey key, String ghlId, String contentHash, String tagsAdded, Instant now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO link (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            bindKey(ps, 1, key);
            ps.setString(5, ghlId);
            ps.setString(6, contentHash);
            ps.setObject(7, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
            ps.setString(8, tagsAdded);
            ps.executeUpdate();
        }
    }

    private static void bindKey(PreparedStatement ps, int first, LinkKey key) throws SQLException {
        ps.setString(first, key.sourceSystem());
        ps.setString(first + 1, key.entityType().dbName());
        ps.setString(first + 2, key.locationId());
        ps.setString(first + 3, key.sourceId());
    }

    private static Optional<Link> single(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            LinkKey key = new LinkKey(rs.getString(1), EntityType.fromDbName(rs.getString(2)), rs.getString(3), rs.getString(4));
            return Optional.of(new Link(key, rs.getString(5), rs.getString(6),
                    rs.getObject(7, OffsetDateTime.class).toInstant(), rs.getString(8)));
        }
    }

    private static String describe(LinkKey key) {
        return key.sourceSystem() + " " + key.entityType().dbName() + " " + key.sourceId() + " in location " + key.locationId();
    }
}
