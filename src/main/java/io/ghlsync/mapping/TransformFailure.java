package io.ghlsync.mapping;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A value that a transform, expression or check refused. Internal: {@link FieldRule} turns it into a
 * {@link MappingError} with the field paths, so callers only ever see values. It has no stack trace (it is about
 * data, and refused records must stay cheap).
 */
final class TransformFailure extends Exception {

    private final String code;
    private final String subPath;

    TransformFailure(String code, String reason) {
        this(code, reason, "");
    }

    /** @param subPath where inside the value, e.g. {@code [2]} for the third tag */
    TransformFailure(String code, String reason, String subPath) {
        super(reason, null, false, false);
        this.code = code;
        this.subPath = subPath;
    }

    String code() {
        return code;
    }

    String reason() {
        return getMessage();
    }

    String subPath() {
        return subPath;
    }

    static TransformFailure type(String expected, JsonNode got) {
        return new TransformFailure("type", "expected " + expected + ", got " + Json.describe(got));
    }
}
