package io.ghlsync.mapping;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;

import java.math.BigDecimal;
import java.util.Map;

/** The one Jackson mapper of the mapping package, and small helpers to talk about JSON values in error reasons. */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    private Json() {
    }

    static Map<String, Object> plain(JsonNode object) {
        return MAPPER.convertValue(object, MAP);
    }

    /** "a string", "a number", "an object", ... for reasons such as "expected a string, got an object". */
    static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        JsonNodeType type = node.getNodeType();
        return switch (type) {
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case ARRAY -> "an array";
            case OBJECT, POJO -> "an object";
            case NULL -> "null";
            case BINARY -> "binary data";
            case MISSING -> "nothing";
        };
    }

    /**
     * The text of a scalar where text is expected: strings as they are, numbers in plain decimal (so that
     * 5491123456789 stays 5491123456789, never 5.491123456789E12); {@code null} for anything else.
     */
    static String scalarText(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isIntegralNumber()) {
            return node.bigIntegerValue().toString();
        }
        if (node.isNumber()) {
            BigDecimal value = node.decimalValue().stripTrailingZeros();
            return value.toPlainString();
        }
        return null;
    }

    /** A value safe to quote in a reason: at most 40 characters, one line. */
    static String excerpt(String value) {
        if (value.length() <= 40) {
            return "'" + oneLine(value) + "'";
        }
        int end = Character.isHighSurrogate(value.charAt(36)) ? 36 : 37;
        return "'" + oneLine(value.substring(0, end)) + "...' (" + value.length() + " characters)";
    }

    private static String oneLine(String value) {
        return value.replace('\r', ' ').replace('\n', ' ').replace('\t', ' ');
    }

    /** Absent for mapping purposes: missing, JSON null, a blank string, or an empty array. */
    static boolean isAbsent(JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull()
                || (node.isTextual() && node.textValue().isBlank())
                || (node.isArray() && node.isEmpty());
    }
}
