package io.ghlsync.state;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * PostgreSQL at 127.0.0.1:5432, database {@code test} (override with {@code -Dghlsync.test.postgres.url=...}), each
 * test in a schema of its own that is dropped afterwards, so runs side by side never see each other's rows.
 */
public final class PostgresTestDatabase implements SuiteDatabase {

    public static final String URL = System.getProperty("ghlsync.test.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test");

    private static String user;
    private static String unreachable;

    private final String schema = "ghlsync_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);

    /** Null when PostgreSQL answers; otherwise why not, for the skip message. Tried once per run. */
    public static synchronized String whyUnreachable() {
        if (user != null) {
            return null;
        }
        if (unreachable != null) {
            return unreachable;
        }
        Set<String> users = new LinkedHashSet<>();
        String configured = System.getProperty("ghlsync.test.postgres.user");
        if (configured != null && !configured.isBlank()) {
            users.add(configured);
        }
        users.add("postgres");
        users.add(System.getProperty("user.name"));
        List<String> failures = new ArrayList<>();
        for (String candidate : users) {
            try (Connection c = DriverManager.getConnection(withTimeouts(URL), candidate, null)) {
                user = candidate;
                return null;
            } catch (SQLException e) {
                failures.add("user " + candidate + ": " + e.getMessage());
            }
        }
        unreachable = "PostgreSQL is not reachable at " + URL + " (" + String.join("; ", failures)
                + "), so the state store suite runs on embedded H2 only";
        return unreachable;
    }

    private static String withTimeouts(String url) {
        return url + (url.contains("?") ? "&" : "?") + "connectTimeout=3&loginTimeout=3";
    }

    public PostgresTestDatabase() {
        execute("CREATE SCHEMA " + schema);
    }

    @Override
    public StateDatabase open() {
        return StateDatabase.connect(jdbcUrl(), user, null);
    }

    /** This database's own schema, for settings such as GHLSYNC_DB_URL. */
    public String jdbcUrl() {
        return URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    public String user() {
        return user;
    }

    @Override
    public void destroy() {
        execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }

    private void execute(String sql) {
        try (Connection c = DriverManager.getConnection(withTimeouts(URL), user, null);
             Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("'" + sql + "' failed on " + URL + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "PostgreSQL " + URL + " schema " + schema;
    }
}
