package io.ghlsync.mapping;

/**
 * One reason a record could not be mapped: which target field, which source field fed it (when one did), a short
 * machine-readable code and a reason for people. Reasons never quote contact data (emails, phones, names); they may
 * quote short non-personal values such as an unknown status.
 *
 * @param target the target field path, e.g. {@code email}, {@code customFields.lead_status}, {@code tags[2]};
 *               empty for problems of the whole record
 * @param source the source path that supplied the value, e.g. {@code contact.email}; {@code null} when none did
 * @param code   one of {@code required}, {@code type}, {@code format}, {@code too-long}, {@code not-allowed},
 *               {@code lookup}, {@code expression}, {@code rule}, {@code schema}, {@code input},
 *               {@code unknown-mapping}, {@code mapping-unavailable}
 * @param reason what is wrong, in one line
 */
public record MappingError(String target, String source, String code, String reason) {

    public MappingError {
        target = target == null ? "" : target;
    }

    /** {@code email (from contact.email): not a valid email address}. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(target.isEmpty() ? "(record)" : target);
        if (source != null && !source.isEmpty()) {
            text.append(" (from ").append(source).append(')');
        }
        return text.append(": ").append(reason).toString();
    }
}
