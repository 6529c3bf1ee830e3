package io.ghlsync.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.util.List;
import java.util.stream.Collectors;

/**
 * How one target field is made: where its value comes from (source paths with fallbacks, {@code collect} of several
 * paths, a constant {@code value}, or a JSONata {@code expression}), the transform chain, the {@code default}, and
 * the checks. Compiled once; {@link #evaluate} runs per record and reports problems as {@link MappingError}s.
 *
 * <p>Order: read the source (refusing values over the mapping's size limits) → transforms in order (steps are
 * skipped while there is no value, except {@code default} and tag {@code add}) → blank text and empty lists count as
 * no value → {@code default} → {@code required} → {@code type}, {@code maxLength}, {@code format}, {@code allowed}.
 */
final class FieldRule {

    enum Kind { PATHS, COLLECT, CONSTANT, EXPRESSION }

    private final String target;
    private final Kind kind;
    private final SourcePath[] paths;
    private final JsonNode constant;
    private final JsonataExpression expression;
    private final Transform[] transforms;
    private final JsonNode defaultValue;
    private final boolean required;
    private final FieldChecks checks;
    private final String sourceDescription;

    FieldRule(String target, Kind kind, List<SourcePath> paths, JsonNode constant, JsonataExpression expression,
              List<Transform> transforms, JsonNode defaultValue, boolean required, FieldChecks checks) {
        this.target = target;
        this.kind = kind;
        this.paths = paths.toArray(SourcePath[]::new);
        this.constant = constant;
        this.expression = expression;
        this.transforms = transforms.toArray(Transform[]::new);
        this.defaultValue = defaultValue;
        this.required = required;
        this.checks = checks;
        this.sourceDescription = switch (kind) {
            case PATHS, COLLECT -> paths.stream().map(SourcePath::toString).collect(Collectors.joining(kind == Kind.PATHS ? " or " : " + "));
            case EXPRESSION -> "expression";
            case CONSTANT -> null;
        };
    }

    String target() {
        return target;
    }

    /** The final value, or {@code null} for none (the field is then left out); problems are added to {@code errors}. */
    JsonNode evaluate(RecordScope scope, MappingSettings settings, List<MappingError> errors) {
        String source = sourceDescription;
        JsonNode value;
        try {
            switch (kind) {
                case CONSTANT -> value = constant;
                case EXPRESSION -> value = expression.evaluate(scope);
                case COLLECT -> value = collect(scope, settings);
                default -> {
                    value = null;
                    for (SourcePath path : paths) {
                        JsonNode candidate = path.read(scope.record(), scope.context());
                        if (!Json.isAbsent(candidate)) {
                            value = candidate;
                            source = path.toString();
                            break;
                        }
                    }
                    if (value != null) {
                        checkSize(value, settings, "");
                    }
                }
            }
            for (Transform transform : transforms) {
                if (value != null || transform.acceptsAbsent()) {
                    value = transform.apply(value);
                }
            }
        } catch (TransformFailure failure) {
            errors.add(new MappingError(target + failure.subPath(), source == null ? null : source + sourceSubPath(failure),
                    failure.code(), failure.reason()));
            return null;
        }
        if (Json.isAbsent(value)) {
            value = defaultValue;
        }
        if (value == null) {
            if (required) {
                errors.add(new MappingError(target, source, "required", source == null || kind == Kind.EXPRESSION
                        ? "required, but no value" : "required, but " + source + " has no value"));
            }
            return null;
        }
        TransformFailure failure = checks.check(value);
        if (failure != null) {
            errors.add(new MappingError(target + failure.subPath(), source, failure.code(), failure.reason()));
            return null;
        }
        scope.sourceOf(target, source);
        return value;
    }

    private String sourceSubPath(TransformFailure failure) {
        return kind == Kind.PATHS ? failure.subPath() : "";
    }

    private JsonNode collect(RecordScope scope, MappingSettings settings) throws TransformFailure {
        ArrayNode values = JsonNodeFactory.instance.arrayNode(paths.length);
        for (SourcePath path : paths) {
            JsonNode value = path.read(scope.record(), scope.context());
            if (!Json.isAbsent(value)) {
                checkSize(value, settings, "");
                values.add(value);
            }
        }
        return values.isEmpty() ? null : values;
    }

    /** Refuses any text or list in the value that is larger than the mapping accepts, before a transform sees it. */
    private static void checkSize(JsonNode value, MappingSettings settings, String at) throws TransformFailure {
        if (value.isTextual()) {
            int length = value.textValue().length();
            if (length > settings.maxStringLength()) {
                throw new TransformFailure("too-long", "too long: " + length + " characters (this mapping accepts at most "
                        + settings.maxStringLength() + " in a source value)", at);
            }
        } else if (value.isContainerNode()) {
            if (value.size() > settings.maxItems()) {
                throw new TransformFailure("too-long", "too many items: " + value.size() + " (this mapping accepts at most "
                        + settings.maxItems() + ")", at);
            }
            if (value.isArray()) {
                for (int i = 0; i < value.size(); i++) {
                    checkSize(value.get(i), settings, at + "[" + i + "]");
                }
            } else {
                for (var entry : value.properties()) {
                    checkSize(entry.getValue(), settings, at + "." + entry.getKey());
                }
            }
        }
    }
}
