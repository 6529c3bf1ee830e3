package io.ghlsync.state;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;

/**
 * Recognises "the database could not be reached" (as opposed to a statement it refused) anywhere in a failure's cause
 * chain: JDBC's connection exception classes, SQLState class 08 (connection exception, both H2 and PostgreSQL) and
 * PostgreSQL's 57P (server shutting down or restarting). Spring and Camel wrap these, so the whole chain is searched.
 */
public final class DatabaseUnavailable {

    private DatabaseUnavailable() {
    }

    public static boolean isCause(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLException sql) {
                for (SQLException s = sql; s != null; s = s.getNextException()) {
                    String state = s.getSQLState();
                    if (state != null && (state.startsWith("08") || state.startsWith("57P"))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
