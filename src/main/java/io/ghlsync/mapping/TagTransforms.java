package io.ghlsync.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Tag lists. {@code tags} makes a clean list out of a list or a comma/semicolon-separated text: each tag trimmed,
 * empty ones dropped, duplicates (regardless of case) dropped keeping the first spelling, and lower-cased with
 * {@code {tags: {lower: true}}}. {@code {add: [a, b]}} appends tags not already there; {@code {remove: [c]}} drops
 * tags regardless of case.
 */
final class TagTransforms {

    private TagTransforms() {
    }

    static Transform tags(boolean lower, String separators) {
        return value -> {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            Set<String> seen = new HashSet<>();
            if (value.isTextual()) {
                String text = value.textValue();
                int start = 0;
                for (int i = 0; i <= text.length(); i++) {
                    if (i == text.length() || separators.indexOf(text.charAt(i)) >= 0) {
                        addTag(out, seen, text.substring(start, i), lower);
                        start = i + 1;
                    }
                }
            } else if (value.isArray()) {
                for (int i = 0; i < value.size(); i++) {
                    JsonNode item = value.get(i);
                    if (item.isNull()) {
                        continue;
                    }
                    String text = Json.scalarText(item);
                    if (text == null) {
                        throw new TransformFailure("type", "expected a tag (text), got " + Json.describe(item), "[" + i + "]");
                    }
                    addTag(out, seen, text, lower);
                }
            } else {
                throw TransformFailure.type("a list of tags or a comma-separated text", value);
            }
            return out.isEmpty() ? null : out;
        };
    }

    static Transform add(List<String> tags) {
        return new Transform() {
            @Override
            public JsonNode apply(JsonNode value) throws TransformFailure {
                ArrayNode out = JsonNodeFactory.instance.arrayNode();
                Set<String> seen = new HashSet<>();
                if (value != null) {
                    requireList(value);
                    for (JsonNode item : value) {
                        out.add(item);
                        seen.add(Text.lower(item.asText()));
                    }
                }
                for (String tag : tags) {
                    addTag(out, seen, tag, false);
                }
                return out;
            }

            @Override
            public boolean acceptsAbsent() {
                return true;
            }
        };
    }

    static Transform remove(List<String> tags) {
        Set<String> drop = new HashSet<>();
        tags.forEach(tag -> drop.add(Text.lower(Text.trim(tag))));
        return value -> {
            requireList(value);
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            for (JsonNode item : value) {
                if (!drop.contains(Text.lower(Text.trim(item.asText())))) {
                    out.add(item);
                }
            }
            return out.isEmpty() ? null : out;
        };
    }

    private static void requireList(JsonNode value) throws TransformFailure {
        if (!value.isArray()) {
            throw TransformFailure.type("a list of tags (put 'tags' before add/remove)", value);
        }
        for (int i = 0; i < value.size(); i++) {
            if (!value.get(i).isTextual()) {
                throw new TransformFailure("type", "expected a tag (text), got " + Json.describe(value.get(i)), "[" + i + "]");
            }
        }
    }

    private static void addTag(ArrayNode out, Set<String> seen, String raw, boolean lower) {
        String tag = Text.squish(raw);
        if (tag.isEmpty()) {
            return;
        }
        String key = Text.lower(tag);
        if (seen.add(key)) {
            out.add(lower ? key : tag);
        }
    }
}
