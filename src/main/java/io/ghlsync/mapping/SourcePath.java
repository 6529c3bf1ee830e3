package io.ghlsync.mapping;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a value is read in the source record, compiled once when the mapping loads.
 * <ul>
 *   <li>dotted: {@code contact.email}, {@code phones.0} or {@code phones[0]} (a number indexes an array);</li>
 *   <li>JSON pointer: {@code /contact/email} (RFC 6901, {@code ~1} for "/" and {@code ~0} for "~" in names);</li>
 *   <li>{@code $context.locationId}: a value given by the caller, not by the record;</li>
 *   <li>{@code $}: the whole record.</li>
 * </ul>
 */
final class SourcePath {

    private static final String CONTEXT = "$context";

    private final String text;
    private final boolean context;
    private final String[] segments;
    private final int[] indexes;

    private SourcePath(String text, boolean context, List<String> segments) {
        this.text = text;
        this.context = context;
        this.segments = segments.toArray(String[]::new);
        this.indexes = new int[this.segments.length];
        for (int i = 0; i < this.segments.length; i++) {
            indexes[i] = index(this.segments[i]);
        }
    }

    static SourcePath parse(String text) {
        String path = text.strip();
        if (path.isEmpty()) {
            throw new IllegalArgumentException("an empty source path");
        }
        if (path.equals("$")) {
            return new SourcePath(path, false, List.of());
        }
        boolean context = false;
        String rest = path;
        if (path.equals(CONTEXT) || path.startsWith(CONTEXT + ".")) {
            context = true;
            rest = path.substring(CONTEXT.length());
            rest = rest.startsWith(".") ? rest.substring(1) : rest;
            if (rest.isEmpty()) {
                throw new IllegalArgumentException("'$context' needs a name, e.g. $context.locationId");
            }
        } else if (path.startsWith("$")) {
            throw new IllegalArgumentException("'" + path + "' is not a source path; paths start with a field name, '/', "
                    + "'$context.' or are '$' (use 'expression:' for JSONata)");
        }
        List<String> segments = new ArrayList<>();
        if (!context && rest.startsWith("/")) {
            for (String part : rest.substring(1).split("/", -1)) {
                segments.add(part.replace("~1", "/").replace("~0", "~"));
            }
        } else {
            for (String part : rest.split("\\.", -1)) {
                int bracket = part.indexOf('[');
                String name = bracket < 0 ? part : part.substring(0, bracket);
                if (name.isEmpty() && bracket != 0) {
                    throw new IllegalArgumentException("'" + path + "' has an empty segment");
                }
                if (!name.isEmpty()) {
                    segments.add(name);
                }
                while (bracket >= 0) {
                    int close = part.indexOf(']', bracket);
                    if (close < 0 || index(part.substring(bracket + 1, close)) < 0) {
                        throw new IllegalArgumentException("'" + path + "' has a bad index; write name[0]");
                    }
                    segments.add(part.substring(bracket + 1, close));
                    bracket = part.indexOf('[', close);
                    if (bracket < 0 && close != part.length() - 1) {
                        throw new IllegalArgumentException("'" + path + "' has text after an index");
                    }
                }
            }
        }
        return new SourcePath(path, context, segments);
    }

    /** The value at this path, or {@code null} when the record has none there. */
    JsonNode read(JsonNode record, MappingContext mappingContext) {
        JsonNode node = context ? mappingContext.json() : record;
        for (int i = 0; i < segments.length && node != null; i++) {
            if (node.isObject()) {
                node = node.get(segments[i]);
            } else if (node.isArray() && indexes[i] >= 0) {
                node = node.get(indexes[i]);
            } else {
                return null;
            }
        }
        return node == null || node.isMissingNode() ? null : node;
    }

    boolean isContext() {
        return context;
    }

    @Override
    public String toString() {
        return text;
    }

    private static int index(String segment) {
        if (segment.isEmpty() || segment.length() > 9) {
            return -1;
        }
        for (int i = 0; i < segment.length(); i++) {
            if (segment.charAt(i) < '0' || segment.charAt(i) > '9') {
                return -1;
            }
        }
        return Integer.parseInt(segment);
    }
}
