package io.ghlsync.state;

import io.ghlsync.ghl.auth.OAuthTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The state store's contract, run unchanged on every database ghl-sync supports: each subclass only says which
 * database. Whatever holds here holds on the embedded H2 file and on PostgreSQL alike.
 */
abstract class StateStoreSuite {

    static final String KEY_A = Base64.getEncoder().encodeToString(bytes(32, 1));
    static final String KEY_B = Base64.getEncoder().encodeToString(bytes(32, 2));
    static final String REFRESH_TOKEN = "rt-3f9a1c7e-refresh-SECRET-value";
    static final String ACCESS_TOKEN = "at-88d0b2-access-SECRET-value";
    private static final int THREADS = 8;

    protected SuiteDatabase database;
    protected StateDatabase db;

    /** A fresh, empty database for one test. */
    protected abstract SuiteDatabase newDatabase();

    @BeforeEach
    void openDatabase() {
        database = newDatabase();
        db = database.open();
    }

    @AfterEach
    void closeDatabase() {
        if (db != null) {
            db.close();
        }
        if (database != null) {
            database.destroy();
        }
    }

    /** Closes the store and opens it again on the same database: only what was committed is still there. */
    protected void reopen() {
        db.close();
        db = database.open();
    }

    // --- migrations ---

    @Test
    void migrationsCreateEveryTableOfVersionOne() throws SQLException {
        for (String table : List.of("link", "poll_cursor", "processed_event", "oauth_token", "dead_letter", "inbox")) {
            assertThat(count("SELECT COUNT(*) FROM " + table)).as(table).isZero();
        }
        assertThat(count("SELECT COUNT(*) FROM flyway_schema_history WHERE version = '1' AND success = TRUE")).isEqualTo(1);
    }

    @Test
    void reopeningAMigratedDatabaseChangesNothing() throws SQLException {
        long applied = count("SELECT COUNT(*) FROM flyway_schema_history");
        reopen();
        assertThat(count("SELECT COUNT(*) FROM flyway_schema_history")).isEqualTo(applied);
        assertThat(count("SELECT COUNT(*) FROM flyway_schema_history WHERE version = '1'")).isEqualTo(1);
    }

    @Test
    void deadLetterAndInboxAcceptTheirRowsAndCheckTheirStates() throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO dead_letter (route_id, error_class, created_at, updated_at)"
                    + " VALUES ('r', 'E', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
            s.executeUpdate("INSERT INTO inbox (source_system, event_id, ordering_key, payload, received_at, updated_at)"
                    + " VALUES ('cliengo', 'w1', 'loc:lead-1', '{}', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
            assertThat(sqlState(() -> s.executeUpdate("INSERT INTO inbox (source_system, event_id, ordering_key, payload,"
                    + " received_at, updated_at) VALUES ('cliengo', 'w1', 'loc:lead-1', '{}', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)")))
                    .as("a redelivered webhook is stored once").isEqualTo("23505");
            assertThat(sqlState(() -> s.executeUpdate("UPDATE dead_letter SET status = 'lost'")))
                    .as("unknown dead-letter status").startsWith("23");
        }
        assertThat(count("SELECT COUNT(*) FROM dead_letter WHERE status = 'pending' AND attempts = 0")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM inbox WHERE state = 'pending'")).isEqualTo(1);
    }

    // --- links ---

    private static LinkKey lead(String id) {
        return new LinkKey("cliengo", EntityType.CONTACT, "loc-1", id);
    }

    @Test
    void aLinkIsFoundByItsSourceKeyAndByItsGhlId() {
        assertThat(db.links().find(lead("lead-1"))).isEmpty();

        Link stored = db.links().upsert(lead("lead-1"), "ghl-contact-1", "sha256:aa");

        Link found = db.links().find(lead("lead-1")).orElseThrow();
        assertThat(found.ghlId()).isEqualTo("ghl-contact-1");
        assertThat(found.contentHash()).isEqualTo("sha256:aa");
        assertThat(found.updatedAt()).isCloseTo(stored.updatedAt(), within(1, ChronoUnit.MILLIS));
        assertThat(db.links().findByGhlId("cliengo", EntityType.CONTACT, "loc-1", "ghl-contact-1")).contains(found);
        assertThat(db.links().findByGhlId("clientjoy", EntityType.CONTACT, "loc-1", "ghl-contact-1")).isEmpty();
    }

    @Test
    void upsertingALinkAgainUpdatesItInPlace() throws SQLException {
        db.links().upsert(lead("lead-1"), "ghl-contact-1", "sha256:aa");
        db.links().upsert(lead("lead-1"), "ghl-contact-2", "sha256:bb");

        Link found = db.links().find(lead("lead-1")).orElseThrow();
        assertThat(found.ghlId()).isEqualTo("ghl-contact-2");
        assertThat(found.contentHash()).isEqualTo("sha256:bb");
        assertThat(count("SELECT COUNT(*) FROM link")).isEqualTo(1);
        assertThat(db.links().findByGhlId("cliengo", EntityType.CONTACT, "loc-1", "ghl-contact-1")).isEmpty();
    }

    @Test
    void unchangedIsTrueOnlyForTheHashLastWritten() {
        assertThat(db.links().unchanged(lead("lead-1"), "sha256:aa")).as("never written").isFalse();
        db.links().upsert(lead("lead-1"), "ghl-contact-1", "sha256:aa");

        assertThat(db.links().unchanged(lead("lead-1"), "sha256:aa")).isTrue();
        assertThat(db.links().unchanged(lead("lead-1"), "sha256:bb")).isFalse();

        db.links().upsert(lead("lead-1"), "ghl-contact-1", null);
        assertThat(db.links().unchanged(lead("lead-1"), "sha256:aa")).as("hash cleared: write again").isFalse();
    }

    @Test
    void aLinkKeepsTheTagsAddedToItsGhlRecordApartFromItsContentHash() {
        db.links().upsert(lead("lead-1"), "ghl-contact-1", "sha256:aa", "[\"promo\",\"vip\"]");

        Link found = db.links().find(lead("lead-1")).orElseThrow();
        assertThat(found.contentHash()).isEqualTo("sha256:aa");
        assertThat(found.tagsAdded()).isEqualTo("[\"promo\",\"vip\"]");

        db.links().upsert(lead("lead-1"), "ghl-contact-1", "sha256:aa");
        assertThat(db.links().find(lead("lead-1")).orElseThrow().tagsAdded()).as("unknown again: add them all").isNull();
        assertThat(db.links().find(lead("lead-1")).orElseThrow().unchanged("sha256:aa")).isTrue();
    }

    @Test
    void theSameSourceIdIsADifferentRecordInAnotherSystemTypeOrLocation() throws SQLException {
        db.links().upsert(lead("42"), "c-1", null);
        db.links().upsert(new LinkKey("clientjoy", EntityType.CONTACT, "loc-1", "42"), "c-1", null);
        db.links().upsert(new LinkKey("cliengo", EntityType.NOTE, "loc-1", "42"), "n-1", null);
        db.links().upsert(new LinkKey("cliengo", EntityType.CONTACT, "loc-2", "42"), "c-9", null);

        assertThat(count("SELECT COUNT(*) FROM link")).isEqualTo(4);
        assertThat(db.links().find(new LinkKey("cliengo", EntityType.NOTE, "loc-1", "42")).orElseThrow().ghlId()).isEqualTo("n-1");
    }

    @Test
    void aGhlRecordHeldByAnotherSourceRecordIsAConflictNotASilentRelink() {
        db.links().upsert(lead("lead-1"), "ghl-contact-1", "sha256:aa");

        assertThatThrownBy(() -> db.links().upsert(lead("lead-2"), "ghl-contact-1", "sha256:bb"))
                .isInstanceOf(LinkConflictException.class)
                .hasMessageContaining("ghl-contact-1").hasMessageContaining("lead-1").hasMessageContaining("lead-2")
                .satisfies(e -> assertThat(((LinkConflictException) e).linkedSourceId()).isEqualTo("lead-1"));

        db.links().upsert(lead("lead-2"), "ghl-contact-2", null);
        assertThatThrownBy(() -> db.links().upsert(lead("lead-2"), "ghl-contact-1", null))
                .as("moving an existing link onto a held GHL record").isInstanceOf(LinkConflictException.class);
        assertThat(db.links().find(lead("lead-1")).orElseThrow().ghlId()).isEqualTo("ghl-contact-1");
        assertThat(db.links().find(lead("lead-2")).orElseThrow().ghlId()).isEqualTo("ghl-contact-2");
    }

    @Test
    void theDatabaseItselfRefusesASecondLinkForOneSourceRecord() {
        String insert = "INSERT INTO link (source_system, entity_type, location_id, source_id, ghl_id, updated_at)"
                + " VALUES ('cliengo', 'contact', 'loc-1', 'lead-1', ?, CURRENT_TIMESTAMP)";
        assertThat(sqlState(() -> rawUpdate(insert, "ghl-a"))).isNull();
        assertThat(sqlState(() -> rawUpdate(insert, "ghl-b"))).isEqualTo("23505");
    }

    @Test
    void concurrentUpsertsOfOneLinkLeaveOneRowAndNoErrors() throws Exception {
        List<Link> results = race(() -> db.links().upsert(lead("lead-race"), "ghl-contact-race", "sha256:aa"));

        assertThat(results).hasSize(THREADS);
        assertThat(count("SELECT COUNT(*) FROM link")).isEqualTo(1);
        assertThat(db.links().find(lead("lead-race")).orElseThrow().ghlId()).isEqualTo("ghl-contact-race");
    }

    @Test
    void deletingALinkForgetsIt() {
        db.links().upsert(lead("lead-1"), "ghl-contact-1", null);
        assertThat(db.links().delete(lead("lead-1"))).isTrue();
        assertThat(db.links().delete(lead("lead-1"))).isFalse();
        assertThat(db.links().find(lead("lead-1"))).isEmpty();
    }

    // --- poll cursors ---

    @Test
    void aCursorAdvancesAndSurvivesReopeningTheDatabase() {
        assertThat(db.pollCursors().get("cliengo", "leads")).isEmpty();
        db.pollCursors().advance("cliengo", "leads", "2025-01-01T00:00:00Z");
        db.pollCursors().advance("cliengo", "leads", "2025-01-02T00:00:00Z");
        db.pollCursors().advance("clientjoy", "clients", "page-7");

        reopen();

        assertThat(db.pollCursors().get("cliengo", "leads")).contains("2025-01-02T00:00:00Z");
        assertThat(db.pollCursors().get("clientjoy", "clients")).contains("page-7");
        assertThat(db.pollCursors().get("cliengo", "tasks")).isEmpty();
    }

    @Test
    void aConditionalAdvanceMovesOnlyFromTheExpectedPosition() {
        assertThat(db.pollCursors().advance("cliengo", "leads", Optional.of("x"), "y")).as("nothing to move from").isFalse();
        assertThat(db.pollCursors().advance("cliengo", "leads", Optional.empty(), "c1")).isTrue();
        assertThat(db.pollCursors().advance("cliengo", "leads", Optional.empty(), "c1-again")).as("already set").isFalse();
        assertThat(db.pollCursors().advance("cliengo", "leads", Optional.of("c0"), "c2")).as("stale expectation").isFalse();
        assertThat(db.pollCursors().advance("cliengo", "leads", Optional.of("c1"), "c2")).isTrue();
        assertThat(db.pollCursors().get("cliengo", "leads")).contains("c2");
    }

    @Test
    void ofConcurrentConditionalAdvancesFromOnePositionExactlyOneWins() throws Exception {
        db.pollCursors().advance("cliengo", "leads", "c1");
        List<Boolean> results = race(() -> db.pollCursors().advance("cliengo", "leads", Optional.of("c1"),
                "c2-" + Thread.currentThread().getName()));
        assertThat(results).containsOnlyOnce(true);
    }

    // --- processed events ---

    @Test
    void anEventIsNewOnceAndAlreadySeenAfterwards() {
        assertThat(db.processedEvents().isProcessed("ghl-webhook", "wh-1")).isFalse();
        assertThat(db.processedEvents().markProcessed("ghl-webhook", "wh-1")).isTrue();
        assertThat(db.processedEvents().markProcessed("ghl-webhook", "wh-1")).isFalse();
        assertThat(db.processedEvents().markProcessed("cliengo-webhook", "wh-1")).as("another scope").isTrue();
        assertThat(db.processedEvents().isProcessed("ghl-webhook", "wh-1")).isTrue();

        reopen();
        assertThat(db.processedEvents().markProcessed("ghl-webhook", "wh-1")).as("after a restart").isFalse();
    }

    @Test
    void ofEightThreadsMarkingTheSameEventExactlyOneSeesItNew() throws Exception {
        for (int round = 0; round < 10; round++) {
            String id = "wh-race-" + round;
            List<Boolean> results = race(() -> db.processedEvents().markProcessed("ghl-webhook", id));
            assertThat(results).as("round " + round).hasSize(THREADS).containsOnlyOnce(true);
        }
    }

    @Test
    void aForgottenEventCanBeProcessedAgainAndOldOnesArePurged() {
        db.processedEvents().markProcessed("ghl-webhook", "wh-1");
        db.processedEvents().markProcessed("ghl-webhook", "wh-2");
        assertThat(db.processedEvents().forget("ghl-webhook", "wh-1")).isTrue();
        assertThat(db.processedEvents().markProcessed("ghl-webhook", "wh-1")).isTrue();

        assertThat(db.processedEvents().purgeOlderThan(Instant.now().minus(1, ChronoUnit.HOURS))).isZero();
        assertThat(db.processedEvents().purgeOlderThan(Instant.now().plus(1, ChronoUnit.MINUTES))).isEqualTo(2);
        assertThat(db.processedEvents().isProcessed("ghl-webhook", "wh-2")).isFalse();
    }

    @Test
    void camelsIdempotentRepositoryUsesTheSameRows() throws Exception {
        ProcessedEventRepository camel = db.idempotentRepository("ghl-webhook");
        camel.start();
        try {
            assertThat(camel.add("wh-1")).isTrue();
            assertThat(camel.add("wh-1")).isFalse();
            assertThat(db.processedEvents().isProcessed("ghl-webhook", "wh-1")).isTrue();
            assertThat(db.processedEvents().markProcessed("ghl-webhook", "wh-1")).isFalse();

            db.processedEvents().markProcessed("ghl-webhook", "wh-2");
            assertThat(camel.contains("wh-2")).isTrue();
            assertThat(camel.remove("wh-2")).isTrue();
            assertThat(db.processedEvents().isProcessed("ghl-webhook", "wh-2")).isFalse();
        } finally {
            camel.stop();
        }
    }

    @Test
    void camelsRepositoryReadsARacingDuplicateAsAlreadySeen() throws Exception {
        ProcessedEventRepository camel = db.idempotentRepository("cliengo-webhook");
        camel.start();
        try {
            for (int round = 0; round < 10; round++) {
                String id = "ev-race-" + round;
                List<Boolean> results = race(() -> camel.add(id));
                assertThat(results).as("round " + round).hasSize(THREADS).containsOnlyOnce(true);
            }
        } finally {
            camel.stop();
        }
    }

    // --- OAuth tokens ---

    private static OAuthTokens tokens(String refresh) {
        return new OAuthTokens(ACCESS_TOKEN, refresh, Instant.parse("2030-01-01T00:00:00Z"), "contacts.readonly contacts.write");
    }

    @Test
    void tokensRoundTripAndTheLatestPairWins() {
        JdbcTokenStore store = db.tokenStore(TokenCipher.fromSecret(KEY_A));
        assertThat(store.load("loc-1")).isEmpty();

        store.save("loc-1", tokens(REFRESH_TOKEN));
        store.save("loc-1", tokens(REFRESH_TOKEN + "-rotated"));
        store.save("loc-2", new OAuthTokens(null, "rt-other", null, null));

        OAuthTokens loaded = store.load("loc-1").orElseThrow();
        assertThat(loaded.accessToken()).isEqualTo(ACCESS_TOKEN);
        assertThat(loaded.refreshToken()).isEqualTo(REFRESH_TOKEN + "-rotated");
        assertThat(loaded.accessTokenExpiresAt()).isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
        assertThat(loaded.scope()).isEqualTo("contacts.readonly contacts.write");
        assertThat(store.load("loc-2")).contains(new OAuthTokens(null, "rt-other", null, null));
    }

    @Test
    void aSavedTokenPairIsThereAfterReopening() {
        db.tokenStore(TokenCipher.fromSecret(KEY_A)).save("loc-1", tokens(REFRESH_TOKEN));
        reopen();
        assertThat(db.tokenStore(TokenCipher.fromSecret(KEY_A)).load("loc-1").orElseThrow().refreshToken())
                .isEqualTo(REFRESH_TOKEN);
    }

    @Test
    void refreshTokensAreNotReadableInTheDatabaseWithoutTheKey() throws SQLException {
        db.tokenStore(TokenCipher.fromSecret(KEY_A)).save("loc-1", tokens(REFRESH_TOKEN));

        try (Connection c = db.dataSource().getConnection();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT * FROM oauth_token")) {
            assertThat(rs.next()).isTrue();
            for (int column = 1; column <= rs.getMetaData().getColumnCount(); column++) {
                int type = rs.getMetaData().getColumnType(column);
                boolean binary = type == java.sql.Types.BINARY || type == java.sql.Types.VARBINARY
                        || type == java.sql.Types.LONGVARBINARY || type == java.sql.Types.BLOB;
                byte[] raw = binary ? rs.getBytes(column)
                        : rs.getString(column) == null ? null : rs.getString(column).getBytes(StandardCharsets.UTF_8);
                String label = rs.getMetaData().getColumnLabel(column);
                if (raw == null) {
                    continue;
                }
                for (String secret : List.of(REFRESH_TOKEN, ACCESS_TOKEN)) {
                    assertThat(contains(raw, secret.getBytes(StandardCharsets.UTF_8))).as(label + " holds a token").isFalse();
                    assertThat(new String(raw, StandardCharsets.ISO_8859_1)).as(label)
                            .doesNotContain(secret)
                            .doesNotContain(Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8)))
                            .doesNotContainIgnoringCase(HexFormat.of().formatHex(secret.getBytes(StandardCharsets.UTF_8)));
                }
            }
        }
    }

    @Test
    void aStoreWithAnotherKeyCannotLoadTheTokensAndSaysWhyWithoutShowingThem() {
        db.tokenStore(TokenCipher.fromSecret(KEY_A)).save("loc-1", tokens(REFRESH_TOKEN));
        JdbcTokenStore otherKey = db.tokenStore(TokenCipher.fromSecret(KEY_B));

        assertThatThrownBy(() -> otherKey.load("loc-1"))
                .isInstanceOf(TokenDecryptionException.class)
                .hasMessageContaining("loc-1")
                .hasMessageContaining("GHLSYNC_SECRET_KEY")
                .satisfies(StateStoreSuite::revealsNoToken);
    }

    @Test
    void aCiphertextMovedToAnotherLocationDoesNotDecrypt() throws SQLException {
        JdbcTokenStore store = db.tokenStore(TokenCipher.fromSecret(KEY_A));
        store.save("loc-1", tokens(REFRESH_TOKEN));
        store.save("loc-2", tokens("rt-of-location-2"));
        rawUpdate("UPDATE oauth_token SET refresh_token_enc = (SELECT refresh_token_enc FROM oauth_token"
                + " WHERE location_id = 'loc-1') WHERE location_id = ?", "loc-2");

        assertThatThrownBy(() -> store.load("loc-2"))
                .isInstanceOf(TokenDecryptionException.class)
                .hasMessageContaining("refresh token of location loc-2")
                .hasMessageContaining("altered")
                .satisfies(StateStoreSuite::revealsNoToken);
        assertThat(store.load("loc-1").orElseThrow().refreshToken()).isEqualTo(REFRESH_TOKEN);
    }

    // --- support ---

    private static void revealsNoToken(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain(REFRESH_TOKEN).doesNotContain(ACCESS_TOKEN);
            assertThat(t.toString()).doesNotContain(REFRESH_TOKEN).doesNotContain(ACCESS_TOKEN);
        }
    }

    /** Runs {@code task} on {@value #THREADS} threads released at once; returns what each returned. */
    private static <T> List<T> race(Callable<T> task) throws Exception {
        return Race.run(THREADS, task);
    }

    protected long count(String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private int rawUpdate(String sql, String parameter) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, parameter);
            return ps.executeUpdate();
        }
    }

    private interface SqlAction {
        void run() throws SQLException;
    }

    /** The SQLState an action failed with, or null when it succeeded. */
    private static String sqlState(SqlAction action) {
        try {
            action.run();
            return null;
        } catch (SQLException e) {
            return e.getSQLState();
        }
    }

    static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static byte[] bytes(int length, int seed) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (seed * 31 + i * 7);
        }
        return b;
    }
}
