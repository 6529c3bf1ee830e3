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

    /**
     * The contacts spec with {@link GhlSpecExceptions#repair} applied, written under target/ beside a copy of the
     * common schemas it refers to (its $refs are relative), for validators that load specs from files.
     */
    public static Path repairedContacts() {
        try {
            Path root = Path.of("target", "ghl-api-repaired").toAbsolutePath();
            Files.createDirectories(root.resolve("apps"));
            Files.createDirectories(root.resolve("common"));
            Files.copy(dir().resolve("common/common-schemas.json"), root.resolve("common/common-schemas.json"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            JsonNode spec = read(contacts());
            GhlSpecExceptions.repair(spec);
            Path repaired = root.resolve("apps/contacts.json");
            new ObjectMapper().writeValue(repaired.toFile(), spec);
            return repaired;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode read(Path file) {
        try {
            return new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
