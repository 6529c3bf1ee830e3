package io.ghlsync.mapping;

import java.nio.file.Path;

/** A mapping file that cannot be used, with the file, the line and the reason: {@code mappings/x.yaml:12: reason}. */
public class MappingLoadException extends Exception {

    private final Path file;
    private final int line;
    private final String reason;

    public MappingLoadException(Path file, int line, String reason) {
        super(file + ":" + line + ": " + reason, null, false, false);
        this.file = file;
        this.line = line;
        this.reason = reason;
    }

    public Path file() {
        return file;
    }

    public int line() {
        return line;
    }

    public String reason() {
        return reason;
    }
}
