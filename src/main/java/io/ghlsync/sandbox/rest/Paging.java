package io.ghlsync.sandbox.rest;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/**
 * The list parameters the source look-alikes share: {@code limit}, an opaque {@code cursor} (the last change stamp
 * read, base64url with a version prefix) and {@code updatedSince}. Bad values are a 400 naming the parameter, never a
 * silent restart from the top.
 */
public final class Paging {

    private static final String CURSOR_PREFIX = "c1:";

    private Paging() {
    }

    public static int limit(String value, int fallback, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int limit = Integer.parseInt(value.strip());
            if (limit >= 1 && limit <= max) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw RestError.badRequest("limit must be a whole number from 1 to " + max, "limit");
    }

    /** The stamp a previous page answered as its cursor, or null for the first page. */
    public static Long cursor(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(value.strip()), StandardCharsets.UTF_8);
            if (decoded.startsWith(CURSOR_PREFIX)) {
                return Long.parseLong(decoded.substring(CURSOR_PREFIX.length()));
            }
        } catch (IllegalArgumentException e) {
            // answered below (NumberFormatException is an IllegalArgumentException)
        }
        throw RestError.badRequest("cursor is not one this API answered", "cursor");
    }

    /** The cursor text for a page that ended at {@code stamp}. */
    public static String cursorText(long stamp) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((CURSOR_PREFIX + stamp).getBytes(StandardCharsets.UTF_8));
    }

    /** {@code updatedSince} as epoch millis, or null when absent. */
    public static Long updatedSince(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.strip()).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            throw RestError.badRequest("updatedSince must be an ISO-8601 date-time with an offset, e.g."
                    + " 2024-05-02T14:35:12.000Z", "updatedSince");
        }
    }
}
