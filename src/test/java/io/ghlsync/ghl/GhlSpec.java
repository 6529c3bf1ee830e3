package io.ghlsync.ghl;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

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
     * A validator for one official spec file ("apps/contacts.json" or "apps/oauth.json"), read in memory with the
     * common schemas inlined (its $refs are relative) and {@link GhlSpecExceptions#repair} applied.
     */
    public static OpenApiInteractionValidator validator(String file) {
        try {
            ObjectMapper json = new ObjectMapper();
            ObjectNode spec = (ObjectNode) read(dir().resolve(file));
            ObjectNode schemas = spec.with("components").with("schemas");
            read(dir().resolve("common/common-schemas.json")).at("/components/schemas").fields()
                    .forEachRemaining(e -> schemas.set(e.getKey(), e.getValue()));
            JsonNode inlined = json.readTree(json.writeValueAsString(spec)
                    .replace("../common/common-schemas.json#/components/schemas/", "#/components/schemas/"));
            GhlSpecExceptions.repair(inlined);
            return OpenApiInteractionValidator.createForInlineApiSpecification(json.writeValueAsString(inlined)).build();
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
