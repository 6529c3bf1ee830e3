package io.ghlsync.sandbox.ghl;

import java.util.List;

/**
 * A location's "Allow Duplicate Contact" setting: whether two contacts may share an email or phone, and in which order
 * email and phone identify an existing contact (GHL's "priority sequence"; default email, then phone).
 */
public record DuplicateRule(boolean allowDuplicates, List<MatchField> priority) {

    /** A field that identifies a contact. */
    public enum MatchField {
        EMAIL("email"), PHONE("phone");

        private final String json;

        MatchField(String json) {
            this.json = json;
        }

        public String json() {
            return json;
        }

        public static MatchField parse(String value) {
            for (MatchField field : values()) {
                if (field.json.equalsIgnoreCase(value == null ? "" : value.trim())) {
                    return field;
                }
            }
            throw new IllegalArgumentException("matching field must be 'email' or 'phone', not '" + value + "'");
        }
    }

    public static final DuplicateRule DEFAULT = new DuplicateRule(false, List.of(MatchField.EMAIL, MatchField.PHONE));

    public DuplicateRule {
        if (priority == null || priority.isEmpty()) {
            throw new IllegalArgumentException("the matching priority needs at least one of email, phone");
        }
        if (priority.size() != priority.stream().distinct().count()) {
            throw new IllegalArgumentException("the matching priority names a field twice: " + priority);
        }
        priority = List.copyOf(priority);
    }
}
