package io.ghlsync.state;

import java.nio.file.Path;

/** The embedded H2 file database, as ghl-sync opens it by default, in a temporary directory of its own. */
final class H2FileTestDatabase implements SuiteDatabase {

    private final Path directory;

    H2FileTestDatabase(Path directory) {
        this.directory = directory;
    }

    Path directory() {
        return directory;
    }

    @Override
    public StateDatabase open() {
        return StateDatabase.embedded(directory);
    }

    @Override
    public void destroy() {
        // JUnit removes the temporary directory
    }
}
