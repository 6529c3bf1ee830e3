package io.ghlsync.state;

import java.sql.SQLException;

/**
 * Recognises "that key already exists" the same way on H2 and PostgreSQL: both report SQLState 23505, and JDBC wraps
 * causes, so the whole chain is searched. Other integrity errors (23502 not null, 23503 foreign key) stay errors.
 */
final class UniqueViolation {

    static final String SQL_STATE = "23505";

    private UniqueViolation() {
    }

    static boolean isCause(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException s = sql; s != null; s = s.getNextException()) {
                    if (SQL_STATE.equals(s.getSQLState())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
