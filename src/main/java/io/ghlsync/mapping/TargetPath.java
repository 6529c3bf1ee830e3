package io.ghlsync.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Where a value goes in the target: a field name, or a dotted path such as {@code address.city} (objects are created). */
final class TargetPath {

    private final String text;
    private final String[] segments;

    private TargetPath(String text, String[] segments) {
        this.text = text;
        this.segments = segments;
    }

    static TargetPath parse(String text) {
        String[] segments = text.split("\\.", -1);
        for (String segment : segments) {
            if (segment.isBlank() || !segment.equals(segment.strip())) {
                throw new IllegalArgumentException("'" + text + "' is not a target path; write name or parent.name");
            }
        }
        return new TargetPath(text, segments);
    }

    /** The first segment: the top-level field of the payload this path writes into. */
    String topLevel() {
        return segments[0];
    }

    boolean isNested() {
        return segments.length > 1;
    }

    /** True when one of the two paths is the other or its parent (both cannot be written). */
    boolean overlaps(TargetPath other) {
        int common = Math.min(segments.length, other.segments.length);
        for (int i = 0; i < common; i++) {
            if (!segments[i].equals(other.segments[i])) {
                return false;
            }
        }
        return true;
    }

    void write(ObjectNode root, JsonNode value) {
        ObjectNode node = root;
        for (int i = 0; i < segments.length - 1; i++) {
            JsonNode child = node.get(segments[i]);
            if (!(child instanceof ObjectNode)) {
                child = node.putObject(segments[i]);
            }
            node = (ObjectNode) child;
        }
        node.set(segments[segments.length - 1], value);
    }

    /** The value at this path in {@code root}, or null when a segment is missing. */
    JsonNode read(JsonNode root) {
        JsonNode node = root;
        for (String segment : segments) {
            node = node == null ? null : node.get(segment);
        }
        return node;
    }

    @Override
    public String toString() {
        return text;
    }
}
