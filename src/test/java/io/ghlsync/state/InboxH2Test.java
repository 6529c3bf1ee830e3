package io.ghlsync.state;

import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The inbox suite on the embedded H2 file database, the default. */
class InboxH2Test extends InboxStoreSuite {

    @TempDir
    Path directory;

    @Override
    protected SuiteDatabase newDatabase() {
        return new H2FileTestDatabase(directory);
    }
}
