package io.ghlsync.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * {@code split-name: first|last} and {@code join}. A full name splits at its first space: the first word is the first
 * name, the rest the last name ("María José Pérez" gives "María" and "José Pérez"); a one-word name has no last name.
 * {@code join} glues a list (from {@code collect:}) with a separator, skipping empty parts.
 */
final class NameTransforms {

    private NameTransforms() {
    }

    static Transform split(String part) {
        boolean first = switch (part) {
            case "first" -> true;
            case "last" -> false;
            default -> throw new IllegalArgumentException("split-name takes 'first' or 'last', not '" + part + "'");
        };
        return value -> {
            String name = Text.squish(Text.of(value, "a name (text)"));
            int space = name.indexOf(' ');
            if (first) {
                return TextNode.valueOf(space < 0 ? name : name.substring(0, space));
            }
            return space < 0 ? null : TextNode.valueOf(name.substring(space + 1));
        };
    }

    static Transform join(String separator) {
        return value -> {
            if (!value.isArray()) {
                return TextNode.valueOf(Text.of(value, "a list or text"));
            }
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < value.size(); i++) {
                JsonNode item = value.get(i);
                if (Json.isAbsent(item)) {
                    continue;
                }
                String text = Json.scalarText(item);
                if (text == null) {
                    throw new TransformFailure("type", "expected text, got " + Json.describe(item), "[" + i + "]");
                }
                text = Text.trim(text);
                if (!text.isEmpty()) {
                    if (out.length() > 0) {
                        out.append(separator);
                    }
                    out.append(text);
                }
            }
            return out.length() == 0 ? null : TextNode.valueOf(out.toString());
        };
    }
}
