package io.ghlsync.ghl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The official GHL contract files in ../shared/ghl-api, read where they are (never copied into the project). */
public final class GhlSpec {

    private GhlSpec() {
    }

    public static Path dir() {
        Path dir = Path.of(System.getProperty("ghl.api.dir", "../shared/ghl-api")).toAbsolutePath().normalize();
        if (!Files.isDirectory(dir.resolve("apps"))) {
            throw new IllegalStateException("the official GHL contract is expected at " + dir
                    + " (set -Dghl.api.dir); CI checks it out beside the project");
        }
        return dir;
    }

    public static Path contacts() {
        return dir().resolve("apps/contacts.json");
    }

    public static Path oauth() {
        return dir().resolve("apps/oauth.json");
    }

    public static JsonNode read(Path file) {
        try {
            return new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
