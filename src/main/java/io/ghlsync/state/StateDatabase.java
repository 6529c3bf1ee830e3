package io.ghlsync.state;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

import javax.sql.DataSource;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Function;

/**
 * The state database: a pooled connection to an embedded H2 file under {@code data/} by default, or to PostgreSQL
 * when {@code GHLSYNC_DB_URL} is set, migrated by Flyway from {@code classpath:db/migration} before anyone uses it.
 * Closing it closes the pool (and, for H2, the database).
 */
public final class StateDatabase implements SyncState, Closeable {

    /** Settings keys; {@code io.ghlsync.Settings} fills the first three from GHLSYNC_DB_URL/USER/PASSWORD. */
    public static final String URL_KEY = "ghlsync.db.url";
    public static final String USER_KEY = "ghlsync.db.user";
    public static final String PASSWORD_KEY = "ghlsync.db.password";
    public static final String DIRECTORY_KEY = "ghlsync.db.dir";
    public static final String POOL_SIZE_KEY = "ghlsync.db.pool-size";

    public static final Path DEFAULT_DIRECTORY = Path.of("data");
    /** Measured here: a pool of 16 kept a webhook-insert route at 1,400-2,100 requests/s on 2 cores (BRIEF §8). */
    public static final int DEFAULT_POOL_SIZE = 16;
    static final String H2_FILE_NAME = "ghl-sync";

    /**
     * How ghl-sync opens its embedded H2 file, and why:
     * <ul>
     * <li>{@code MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH}: H2's documented PostgreSQL
     * compatibility, so one migration script and one set of queries serve both databases (lower-case names included);
     * <li>{@code WRITE_DELAY=0}: H2 otherwise writes committed changes to the file up to 500 ms later, and a
     * {@code kill -9} in that window loses work already acknowledged; with 0 every commit reaches the operating system
     * before it returns (surviving a process crash; surviving power loss needs PostgreSQL's fsync);
     * <li>{@code LOCK_TIMEOUT=10000}: writers contending for one row wait up to 10 s rather than H2's 1 s, so a burst
     * of webhooks queues instead of failing;
     * <li>{@code DB_CLOSE_ON_EXIT=FALSE}: H2's own shutdown hook would close the database while Camel is still
     * finishing in-flight exchanges (a GHL write done but its link not stored is how duplicates happen);
     * {@link #close()} closes it after them.
     * </ul>
     * Not {@code AUTO_SERVER=TRUE}: H2 refuses it together with {@code DB_CLOSE_ON_EXIT=FALSE}, and a clean shutdown
     * matters more. So one process at a time opens the file; while the engine runs, other tools go through its admin
     * API, and several processes on one database is what PostgreSQL is for.
     */
    static final String H2_SETTINGS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
            + ";WRITE_DELAY=0;LOCK_TIMEOUT=10000;DB_CLOSE_ON_EXIT=FALSE";

    private final HikariDataSource dataSource;
    private final String description;
    private final boolean embedded;
    private final Clock clock;
    private final Links links;
    private final PollCursors pollCursors;
    private final ProcessedEvents processedEvents;

    private StateDatabase(HikariDataSource dataSource, String description, boolean embedded, Clock clock) {
        this.dataSource = dataSource;
        this.description = description;
        this.embedded = embedded;
        this.clock = clock;
        this.links = new JdbcLinks(dataSource, clock);
        this.pollCursors = new JdbcPollCursors(dataSource, clock);
        this.processedEvents = new JdbcProcessedEvents(dataSource, clock);
    }

    /** Opens what the settings name: PostgreSQL (or any JDBC URL) when {@value #URL_KEY} is set, else embedded H2. */
    public static StateDatabase open(Function<String, String> settings) {
        int poolSize = poolSize(settings.apply(POOL_SIZE_KEY));
        String url = settings.apply(URL_KEY);
        if (url == null || url.isBlank()) {
            String dir = settings.apply(DIRECTORY_KEY);
            return embedded(dir == null || dir.isBlank() ? DEFAULT_DIRECTORY : Path.of(dir), poolSize, Clock.systemUTC());
        }
        return connect(url.strip(), settings.apply(USER_KEY), settings.apply(PASSWORD_KEY), poolSize, Clock.systemUTC());
    }

    /** The embedded H2 database in {@code directory} (created when missing), file {@code ghl-sync.mv.db}. */
    public static StateDatabase embedded(Path directory) {
        return embedded(directory, DEFAULT_POOL_SIZE, Clock.systemUTC());
    }

    public static StateDatabase embedded(Path directory, int poolSize, Clock clock) {
        Path dir = directory.toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new StateStoreException("cannot create the database directory " + dir + ": " + e.getMessage(), e);
        }
        String url = "jdbc:h2:file:" + dir.resolve(H2_FILE_NAME) + H2_SETTINGS;
        HikariConfig config = pool(url, poolSize);
        config.setUsername("sa");
        config.setPassword("");
        return start(config, "embedded H2 database " + dir.resolve(H2_FILE_NAME + ".mv.db"), true, clock);
    }

    /** The database at {@code jdbcUrl}; user and password may be null (e.g. trust or peer authentication). */
    public static StateDatabase connect(String jdbcUrl, String user, String password) {
        return connect(jdbcUrl, user, password, DEFAULT_POOL_SIZE, Clock.systemUTC());
    }

    public static StateDatabase connect(String jdbcUrl, String user, String password, int poolSize, Clock clock) {
        if (!jdbcUrl.startsWith("jdbc:")) {
            throw new StateStoreException("GHLSYNC_DB_URL must be a JDBC URL such as"
                    + " jdbc:postgresql://host:5432/database, not " + redact(jdbcUrl));
        }
        HikariConfig config = pool(jdbcUrl, poolSize);
        if (user != null && !user.isBlank()) {
            config.setUsername(user);
        }
        if (password != null && !password.isEmpty()) {
            config.setPassword(password);
        }
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            // shows up in pg_stat_activity, so a DBA can tell whose connections these are
            config.addDataSourceProperty("ApplicationName", "ghl-sync");
        }
        return start(config, redact(jdbcUrl), jdbcUrl.startsWith("jdbc:h2:"), clock);
    }

    private static HikariConfig pool(String url, int poolSize) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("ghl-sync-state");
        config.setJdbcUrl(url);
        config.setMaximumPoolSize(poolSize);
        // every statement commits on its own unless a caller opens a transaction: what makes save() durable on return
        config.setAutoCommit(true);
        config.setConnectionTimeout(10_000);
        return config;
    }

    private static StateDatabase start(HikariConfig config, String description, boolean embedded, Clock clock) {
        HikariDataSource dataSource;
        try {
            dataSource = new HikariDataSource(config);
        } catch (RuntimeException e) {
            String hint = embedded && inUse(e) ? " (another ghl-sync process has it open: the embedded database"
                    + " serves one process; use the running engine's admin API, or PostgreSQL for several)" : "";
            throw new StateStoreException("cannot open the " + description + ": " + rootMessage(e) + hint, e);
        }
        try {
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .failOnMissingLocations(true)
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            dataSource.close();
            throw new StateStoreException("cannot migrate the " + description + ": " + rootMessage(e), e);
        }
        return new StateDatabase(dataSource, description, embedded, clock);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** True for the embedded H2 file; false for a server database such as PostgreSQL. */
    public boolean isEmbedded() {
        return embedded;
    }

    @Override
    public Links links() {
        return links;
    }

    @Override
    public PollCursors pollCursors() {
        return pollCursors;
    }

    @Override
    public ProcessedEvents processedEvents() {
        return processedEvents;
    }

    /** The OAuth token store on this database; tokens are encrypted with {@code cipher}. */
    public JdbcTokenStore tokenStore(TokenCipher cipher) {
        return new JdbcTokenStore(dataSource, cipher, clock);
    }

    /**
     * A Camel idempotent repository whose processor name is {@code scope}, on the same rows as
     * {@link #processedEvents()}: for {@code idempotentConsumer} in routes, preferably with {@code eager=false} so an
     * id is recorded only after its exchange succeeded.
     */
    public ProcessedEventRepository idempotentRepository(String scope) {
        return new ProcessedEventRepository(dataSource, scope);
    }

    @Override
    public void close() {
        dataSource.close();
    }

    @Override
    public String toString() {
        return "StateDatabase[" + description + "]";
    }

    private static int poolSize(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_POOL_SIZE;
        }
        try {
            int size = Integer.parseInt(value.strip());
            if (size < 1) {
                throw new NumberFormatException();
            }
            return size;
        } catch (NumberFormatException e) {
            throw new StateStoreException(POOL_SIZE_KEY + " must be a positive whole number, not '" + value + "'");
        }
    }

    /** A JDBC URL fit for messages: a password given as a URL parameter is masked. */
    static String redact(String jdbcUrl) {
        return jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    /** H2's "database may be already in use" (error 90020): the file is locked by another process. */
    private static boolean inUse(Throwable e) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && sql.getErrorCode() == 90020) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null ? root.getClass().getSimpleName() : message;
    }
}
