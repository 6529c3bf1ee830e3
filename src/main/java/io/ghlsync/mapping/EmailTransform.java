package io.ghlsync.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * {@code email}: trims (every kind of space), lower-cases the whole address and checks its form; an address that is
 * not one is refused rather than sent to GHL (where it would make a second contact or be rejected).
 */
final class EmailTransform implements Transform {

    static final EmailTransform INSTANCE = new EmailTransform();

    private EmailTransform() {
    }

    @Override
    public JsonNode apply(JsonNode value) throws TransformFailure {
        String text = Text.lower(Text.trim(Text.of(value, "an email address (text)")));
        if (text.startsWith("mailto:")) {
            text = text.substring("mailto:".length());
        }
        if (!Formats.isEmail(text)) {
            throw new TransformFailure("format", Formats.emailProblem(text));
        }
        return TextNode.valueOf(text);
    }
}
