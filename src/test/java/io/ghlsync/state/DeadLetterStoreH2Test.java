package io.ghlsync.state;

import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The dead-letter store suite on the embedded H2 file database, the default. */
class DeadLetterStoreH2Test extends DeadLetterStoreSuite {

    @TempDir
    Path directory;

    @Override
    protected SuiteDatabase newDatabase() {
        return new H2FileTestDatabase(directory);
    }
}
