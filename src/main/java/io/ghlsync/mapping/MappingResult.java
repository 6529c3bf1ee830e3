package io.ghlsync.mapping;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/** What a mapping made of one record: either the target JSON, or every error found (never both, never neither). */
public final class MappingResult {

    private final String mapping;
    private final ObjectNode output;
    private final List<MappingError> errors;

    private MappingResult(String mapping, ObjectNode output, List<MappingError> errors) {
        this.mapping = mapping;
        this.output = output;
        this.errors = errors;
    }

    public static MappingResult ok(String mapping, ObjectNode output) {
        return new MappingResult(mapping, output, List.of());
    }

    public static MappingResult failed(String mapping, List<MappingError> errors) {
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a failed mapping result needs at least one error");
        }
        return new MappingResult(mapping, null, List.copyOf(errors));
    }

    public String mapping() {
        return mapping;
    }

    public boolean isOk() {
        return output != null;
    }

    /** The mapped JSON; {@code null} when the mapping failed. */
    public ObjectNode output() {
        return output;
    }

    public List<MappingError> errors() {
        return errors;
    }

    /** The output, or a {@link MappingException} with every error. */
    public ObjectNode orThrow() throws MappingException {
        if (output == null) {
            throw new MappingException(mapping, errors);
        }
        return output;
    }

    @Override
    public String toString() {
        return isOk() ? mapping + ": ok" : mapping + ": " + errors;
    }
}
