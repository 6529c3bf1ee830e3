package io.ghlsync.mapping;

import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The escape hatch: a field's {@code expression:} in JSONata (https://jsonata.org), parsed once when the mapping
 * loads. {@code $} is the source record; {@code $context} holds the caller's values (e.g. {@code $context.locationId}).
 * Each evaluation gets its own frame with time and depth bounds, so a slow or runaway expression fails the field
 * instead of the route.
 */
final class JsonataExpression {

    private static final long TIMEOUT_MS = 1_000;
    private static final int MAX_DEPTH = 200;

    private final String text;
    private final Jsonata compiled;

    private JsonataExpression(String text, Jsonata compiled) {
        this.text = text;
        this.compiled = compiled;
    }

    static JsonataExpression compile(String text) {
        try {
            return new JsonataExpression(text, Jsonata.jsonata(text));
        } catch (JException e) {
            throw new IllegalArgumentException("the JSONata expression does not parse: " + e.getMessage());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the JSONata expression does not parse: " + e);
        }
    }

    /** The value, or {@code null} when the expression yields nothing (JSONata's undefined or null). */
    JsonNode evaluate(RecordScope scope) throws TransformFailure {
        Object result;
        try {
            Jsonata.Frame frame = compiled.createFrame();
            frame.bind("context", scope.context().plain());
            frame.setRuntimeBounds(TIMEOUT_MS, MAX_DEPTH);
            result = compiled.evaluate(scope.plainRecord(), frame);
        } catch (JException e) {
            throw new TransformFailure("expression", "the expression failed: " + e.getMessage());
        } catch (RuntimeException | StackOverflowError e) {
            throw new TransformFailure("expression", "the expression failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        }
        if (result == null || result == Jsonata.NULL_VALUE) {
            return null;
        }
        try {
            return Json.MAPPER.valueToTree(result);
        } catch (IllegalArgumentException e) {
            throw new TransformFailure("expression", "the expression made a value that is not JSON");
        }
    }

    @Override
    public String toString() {
        return text;
    }
}
