package io.ghlsync.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The hash a {@link Link} keeps of what was last written: SHA-256 over canonical JSON (object keys sorted at every
 * level), so the same content hashes the same whatever order a mapping produced its fields in.
 */
public final class ContentHash {

    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private ContentHash() {
    }

    public static String of(JsonNode content) {
        try {
            // ObjectNode keeps insertion order when written; as a Map its entries are sorted by the feature above
            return sha256(CANONICAL.writeValueAsBytes(CANONICAL.treeToValue(content, Object.class)));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("content cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    public static String of(String json) {
        try {
            return of(CANONICAL.readTree(json));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("content is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
