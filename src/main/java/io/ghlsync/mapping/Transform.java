package io.ghlsync.mapping;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One named step of a field's transform chain ({@code trim}, {@code phone}, {@code lookup}, ...), compiled once when
 * the mapping loads and shared by every record and thread, so implementations hold no per-record state.
 */
@FunctionalInterface
interface Transform {

    /**
     * Transforms a present value (never {@code null}, unless {@link #acceptsAbsent()}); returns {@code null} when the
     * result is "no value". A value it cannot handle is a {@link TransformFailure}, with the reason.
     */
    JsonNode apply(JsonNode value) throws TransformFailure;

    /** True for steps that make a value out of nothing ({@code default}, tag {@code add}); others are skipped then. */
    default boolean acceptsAbsent() {
        return false;
    }
}
