package io.ghlsync.state;

/** One database the state store suite runs on: it can be opened again (to test what survives) and thrown away. */
public interface SuiteDatabase {

    /** Opens the store on this database; a second call after closing the first sees the same data. */
    StateDatabase open();

    /** Removes everything this test database created. */
    void destroy();
}
