package io.ghlsync.state;

import io.ghlsync.ghl.auth.OAuthTokens;
import io.ghlsync.ghl.auth.TokenStore;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link TokenStore} on the {@code oauth_token} table, both tokens encrypted by a {@link TokenCipher}. Each save is
 * one auto-committed statement, so it is durable when it returns: GHL has already rotated the old refresh token away.
 * Nothing here logs, and no message carries a token.
 */
public final class JdbcTokenStore implements TokenStore {

    private final DataSource dataSource;
    private final TokenCipher cipher;
    private final Clock clock;

    public JdbcTokenStore(DataSource dataSource, TokenCipher cipher, Clock clock) {
        this.dataSource = dataSource;
        this.cipher = Objects.requireNonNull(cipher, "stored tokens need a TokenCipher");
        this.clock = clock;
    }

    @Override
    public Optional<OAuthTokens> load(String locationId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT key_id, access_token_enc, refresh_token_enc,"
                     + " access_token_expires_at, scope FROM oauth_token WHERE location_id = ?")) {
            ps.setString(1, locationId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                String keyId = rs.getString(1);
                if (!cipher.keyId().equals(keyId)) {
                    throw new TokenDecryptionException("the stored OAuth tokens of location " + locationId
                            + " were encrypted with key " + keyId + " but GHLSYNC_SECRET_KEY is key " + cipher.keyId()
                            + ": configure the key they were stored with, or delete them and configure a new refresh token");
                }
                byte[] access = rs.getBytes(2);
                byte[] refresh = rs.getBytes(3);
                OffsetDateTime expires = rs.getObject(4, OffsetDateTime.class);
                return Optional.of(new OAuthTokens(
                        access == null ? null : cipher.decrypt(access, associatedData(locationId, "access_token"),
                                "the access token of location " + locationId),
                        cipher.decrypt(refresh, associatedData(locationId, "refresh_token"),
                                "the refresh token of location " + locationId),
                        expires == null ? null : expires.toInstant(),
                        rs.getString(5)));
            }
        } catch (SQLException e) {
            throw new StateStoreException("cannot read the OAuth tokens of location " + locationId + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void save(String locationId, OAuthTokens tokens) {
        if (tokens.refreshToken() == null || tokens.refreshToken().isBlank()) {
            throw new IllegalArgumentException("OAuth tokens of location " + locationId + " without a refresh token are not stored");
        }
        byte[] access = tokens.accessToken() == null ? null
                : cipher.encrypt(tokens.accessToken(), associatedData(locationId, "access_token"));
        byte[] refresh = cipher.encrypt(tokens.refreshToken(), associatedData(locationId, "refresh_token"));
        OffsetDateTime expires = tokens.accessTokenExpiresAt() == null ? null
                : OffsetDateTime.ofInstant(tokens.accessTokenExpiresAt(), ZoneOffset.UTC);
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        try (Connection c = dataSource.getConnection()) {
            Row row = new Row(locationId, access, refresh, expires, tokens.scope(), now);
            if (update(c, row) > 0) {
                return;
            }
            try {
                insert(c, row);
            } catch (SQLException e) {
                if (!UniqueViolation.isCause(e)) {
                    throw e;
                }
                update(c, row); // another node saved first; ours is the newer pair
            }
        } catch (SQLException e) {
            // the SQL message never holds a token: only ciphertext ever reaches the database
            throw new StateStoreException("cannot store the OAuth tokens of location " + locationId + ": " + e.getMessage(), e);
        }
    }

    /** Binds a ciphertext to its location and column, so it cannot be moved to another row or swapped. */
    private static String associatedData(String locationId, String column) {
        return "ghl-sync/oauth_token/" + column + "/" + locationId;
    }

    private record Row(String locationId, byte[] access, byte[] refresh, OffsetDateTime expires, String scope,
            OffsetDateTime updatedAt) {
    }

    private int update(Connection c, Row row) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE oauth_token SET key_id = ?, access_token_enc = ?,"
                + " refresh_token_enc = ?, access_token_expires_at = ?, scope = ?, updated_at = ? WHERE location_id = ?")) {
            ps.setString(1, cipher.keyId());
            ps.setBytes(2, row.access());
            ps.setBytes(3, row.refresh());
            ps.setObject(4, row.expires());
            ps.setString(5, row.scope());
            ps.setObject(6, row.updatedAt());
            ps.setString(7, row.locationId());
            return ps.executeUpdate();
        }
    }

    private void insert(Connection c, Row row) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO oauth_token (location_id, key_id, access_token_enc,"
                + " refresh_token_enc, access_token_expires_at, scope, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, row.locationId());
            ps.setString(2, cipher.keyId());
            ps.setBytes(3, row.access());
            ps.setBytes(4, row.refresh());
            ps.setObject(5, row.expires());
            ps.setString(6, row.scope());
            ps.setObject(7, row.updatedAt());
            ps.executeUpdate();
        }
    }

    /** For logs and Hawtio: says which key, never what is stored. */
    @Override
    public String toString() {
        return "JdbcTokenStore[" + cipher + "]";
    }
}
