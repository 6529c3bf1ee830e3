package io.ghlsync.state;

import java.util.Locale;

/**
 * Where a dead letter stands. PENDING waits for an operator; REPLAYING is claimed by one replay (the claim is what
 * stops a second replay from delivering it twice); REPLAYED went through; DISCARDED was given up on purpose.
 */
public enum DeadLetterStatus {
    PENDING, REPLAYING, REPLAYED, DISCARDED;

    /** The value in the {@code dead_letter.status} column (lower case, as V1's check constraint spells them). */
    public String column() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DeadLetterStatus fromColumn(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    /** Parses an operator's spelling (any case); null when it names no status. */
    public static DeadLetterStatus parse(String value) {
        for (DeadLetterStatus status : values()) {
            if (status.name().equalsIgnoreCase(value.strip())) {
                return status;
            }
        }
        return null;
    }
}
