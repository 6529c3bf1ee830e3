package io.ghlsync.state;

import java.util.Locale;

/** The kinds of GHL record a source record can be linked to; stored by their lower-case name. */
public enum EntityType {
    CONTACT, TASK, NOTE, APPOINTMENT;

    public String dbName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static EntityType fromDbName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
