package io.ghlsync.state;

import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.springframework.dao.DataIntegrityViolationException;

import javax.sql.DataSource;

/**
 * Camel's JDBC idempotent repository on the {@code processed_event} table that Flyway created, sharing its rows with
 * {@link ProcessedEvents}. Camel's {@code add} checks then inserts; when two consumers race past the check, the loser's
 * insert hits the primary key, and this repository answers "already seen" (false) instead of failing the exchange.
 */
public class ProcessedEventRepository extends JdbcMessageIdRepository {

    public ProcessedEventRepository(DataSource dataSource, String scope) {
        super(dataSource, scope);
        setTableName("processed_event");
        // Flyway owns the schema; Camel's own CREATE TABLE would give a different, narrower table
        setCreateTableIfNotExists(false);
    }

    @Override
    public boolean add(String key) {
        try {
            return super.add(key);
        } catch (DataIntegrityViolationException e) {
            if (UniqueViolation.isCause(e)) {
                return false;
            }
            throw e;
        }
    }
}
