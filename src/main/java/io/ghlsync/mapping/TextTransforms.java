package io.ghlsync.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.function.UnaryOperator;

/** {@code trim}, {@code squish}, {@code lower}, {@code upper}, {@code title}, {@code string}: text in, text out. */
final class TextTransforms {

    private TextTransforms() {
    }

    static Transform of(String name) {
        return switch (name) {
            case "trim" -> text(Text::trim);
            case "squish" -> text(Text::squish);
            case "lower" -> text(Text::lower);
            case "upper" -> text(Text::upper);
            case "title" -> text(Text::title);
            case "string" -> text(UnaryOperator.identity());
            default -> null;
        };
    }

    private static Transform text(UnaryOperator<String> operation) {
        return value -> {
            String text = Text.of(value, "text");
            String result = operation.apply(text);
            return result.equals(text) && value.isTextual() ? value : TextNode.valueOf(result);
        };
    }
}
