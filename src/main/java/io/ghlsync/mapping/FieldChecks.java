package io.ghlsync.mapping;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Set;

/**
 * A field's validation rules, checked on the final value: {@code type}, {@code format}, {@code allowed} values and
 * {@code maxLength} (characters for text, items for lists). {@code required} is checked by {@link FieldRule}.
 */
final class FieldChecks {

    static final FieldChecks NONE = new FieldChecks(null, null, null, 0);

    private final String type;
    private final Formats format;
    private final Set<String> allowed;
    private final int maxLength;

    FieldChecks(String type, Formats format, Set<String> allowed, int maxLength) {
        this.type = type;
        this.format = format;
        this.allowed = allowed;
        this.maxLength = maxLength;
    }

    static final List<String> TYPES = List.of("string", "number", "integer", "boolean", "array", "object");

    /** The first problem with the value, or {@code null}. */
    TransformFailure check(JsonNode value) {
        if (type != null && !hasType(value)) {
            return new TransformFailure("type", "expected " + type + ", got " + Json.describe(value));
        }
        if (maxLength > 0) {
            int length = value.isTextual() ? Text.length(value.textValue()) : value.isArray() ? value.size() : -1;
            if (length > maxLength) {
                return new TransformFailure("too-long", value.isTextual()
                        ? "too long: " + length + " characters (at most " + maxLength + ")"
                        : "too many items: " + length + " (at most " + maxLength + ")");
            }
        }
        if (format != null) {
            if (!value.isTextual()) {
                return new TransformFailure("type", "expected text in " + format.yamlName() + " format, got " + Json.describe(value));
            }
            if (!format.test(value.textValue())) {
                return new TransformFailure("format", format == Formats.EMAIL ? Formats.emailProblem(value.textValue())
                        : "not in " + format.yamlName() + " format");
            }
        }
        if (allowed != null) {
            if (value.isArray()) {
                for (int i = 0; i < value.size(); i++) {
                    TransformFailure failure = allowed(value.get(i), "[" + i + "]");
                    if (failure != null) {
                        return failure;
                    }
                }
            } else {
                return allowed(value, "");
            }
        }
        return null;
    }

    private TransformFailure allowed(JsonNode value, String subPath) {
        String text = value.isBoolean() ? String.valueOf(value.booleanValue()) : Json.scalarText(value);
        if (text == null || !allowed.contains(text)) {
            return new TransformFailure("not-allowed", (text == null ? Json.describe(value) : Json.excerpt(text))
                    + " is not an allowed value (allowed: " + String.join(", ", allowed) + ")", subPath);
        }
        return null;
    }

    private boolean hasType(JsonNode value) {
        return switch (type) {
            case "string" -> value.isTextual();
            case "number" -> value.isNumber();
            case "integer" -> value.isIntegralNumber();
            case "boolean" -> value.isBoolean();
            case "array" -> value.isArray();
            case "object" -> value.isObject();
            default -> true;
        };
    }
}
