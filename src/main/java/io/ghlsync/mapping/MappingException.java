package io.ghlsync.mapping;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A record that its mapping refused, thrown inside routes so the dead-letter channel keeps the record with the
 * reasons. The message names every field and reason in one line; {@link #errors()} has them one by one.
 * It carries no stack trace: it is a verdict on data, not a fault in the code.
 */
public class MappingException extends Exception {

    private final String mapping;
    private final transient List<MappingError> errors;

    public MappingException(String mapping, List<MappingError> errors) {
        super(message(mapping, errors), null, false, false);
        this.mapping = mapping;
        this.errors = List.copyOf(errors);
    }

    public String mapping() {
        return mapping;
    }

    public List<MappingError> errors() {
        return errors;
    }

    private static String message(String mapping, List<MappingError> errors) {
        return "mapping " + mapping + " refused the record: "
                + errors.stream().map(MappingError::toString).collect(Collectors.joining("; "));
    }
}
