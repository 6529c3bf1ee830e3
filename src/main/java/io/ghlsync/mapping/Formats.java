package io.ghlsync.mapping;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/** The formats a field can be required to have ({@code format:}): email, E.164 phone, ISO-8601 date and date-time. */
enum Formats {

    EMAIL("email") {
        @Override
        boolean test(String value) {
            return isEmail(value);
        }
    },
    E164("e164") {
        @Override
        boolean test(String value) {
            return E164_PATTERN.matcher(value).matches();
        }
    },
    ISO_DATE("iso-date") {
        @Override
        boolean test(String value) {
            return value.length() == 10 && parses(value, DateTimeFormatter.ISO_LOCAL_DATE, LocalDate::from);
        }
    },
    ISO_DATE_TIME("iso-date-time") {
        @Override
        boolean test(String value) {
            return value.length() <= 64 && parses(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME, OffsetDateTime::from);
        }
    };

    private static final Pattern E164_PATTERN = Pattern.compile("\\+[1-9][0-9]{6,14}");
    private static final String ATOM = "[\\p{L}\\p{N}!#$%&'*+/=?^_`{|}~-]+";
    private static final String LABEL = "[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]{0,61}[\\p{L}\\p{N}])?";
    private static final Pattern EMAIL_PATTERN = Pattern.compile(ATOM + "(?:\\." + ATOM + ")*@(?:" + LABEL + "\\.)+\\p{L}{2,63}");

    private final String yamlName;

    Formats(String yamlName) {
        this.yamlName = yamlName;
    }

    abstract boolean test(String value);

    String yamlName() {
        return yamlName;
    }

    static Formats byName(String name) {
        for (Formats format : values()) {
            if (format.yamlName.equals(name)) {
                return format;
            }
        }
        return null;
    }

    static String names() {
        return "email, e164, iso-date, iso-date-time";
    }

    /** RFC 5321 lengths (254 in all, 64 before the @) and a dot-atom@domain.tld form; Unicode letters allowed. */
    static boolean isEmail(String value) {
        int at = value.lastIndexOf('@');
        return value.length() <= 254 && at > 0 && at <= 64 && EMAIL_PATTERN.matcher(value).matches();
    }

    static String emailProblem(String value) {
        if (value.length() > 254) {
            return "not a valid email address: " + value.length() + " characters long (at most 254)";
        }
        if (value.indexOf('@') < 0) {
            return "not a valid email address: no @";
        }
        if (value.chars().anyMatch(Character::isWhitespace)) {
            return "not a valid email address: contains spaces";
        }
        return "not a valid email address";
    }

    private static boolean parses(String value, DateTimeFormatter formatter, java.time.temporal.TemporalQuery<?> query) {
        try {
            formatter.parse(value, query);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
