package io.ghlsync.state;

import io.ghlsync.ghl.auth.OAuthTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The state store suite on the embedded H2 file database, the default; plus what only a file on disk can show. */
class H2StateStoreTest extends StateStoreSuite {

    @TempDir
    Path directory;

    @Override
    protected SuiteDatabase newDatabase() {
        return new H2FileTestDatabase(directory);
    }

    @Test
    void theDefaultDatabaseIsAnH2FileInTheConfiguredDirectory() {
        db.close();
        Path elsewhere = directory.resolve("nested/data");
        db = StateDatabase.open(Map.of(StateDatabase.DIRECTORY_KEY, elsewhere.toString())::get);

        assertThat(db.isEmbedded()).isTrue();
        assertThat(elsewhere.resolve("ghl-sync.mv.db")).exists();
        assertThat(db.toString()).contains("embedded H2").contains("ghl-sync.mv.db");
    }

    @Test
    void everyCommitIsWrittenWithoutDelay() throws SQLException {
        try (Connection c = db.dataSource().getConnection();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(
                     "SELECT setting_value FROM information_schema.settings WHERE setting_name = 'WRITE_DELAY'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("0");
        }
    }

    @Test
    void theDatabaseFileOnDiskHoldsNoTokenText() throws IOException {
        db.tokenStore(TokenCipher.fromSecret(KEY_A)).save("loc-1",
                new OAuthTokens(ACCESS_TOKEN, REFRESH_TOKEN, null, "contacts.write"));
        db.close();
        db = null;

        byte[] file = Files.readAllBytes(directory.resolve("ghl-sync.mv.db"));
        assertThat(contains(file, "contacts.write".getBytes(StandardCharsets.UTF_8)))
                .as("the file is readable as such: the scope, stored in clear, is in it").isTrue();
        assertThat(contains(file, REFRESH_TOKEN.getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(contains(file, ACCESS_TOKEN.getBytes(StandardCharsets.UTF_8))).isFalse();
    }
}
