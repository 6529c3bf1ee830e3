package io.ghlsync.mapping;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * A mapping's {@code settings:} block: the defaults its transforms use and the limits that keep hostile input cheap.
 *
 * @param region          default phone region (ISO 3166 code such as {@code AR}) for numbers written without
 *                        {@code +country}; {@code null} accepts only international numbers
 * @param zone            time zone for dates written without one; {@code null} refuses such dates
 * @param datePatterns    extra date patterns (java.time syntax) tried after ISO-8601, in order
 * @param datePatternText the patterns as written, for messages
 * @param maxStringLength the longest text accepted in any source value read (longer values are refused, not cut)
 * @param maxItems        the longest list accepted in any source value read
 */
record MappingSettings(String region, ZoneId zone, List<DateTimeFormatter> datePatterns, List<String> datePatternText,
                       int maxStringLength, int maxItems) {

    static final int DEFAULT_MAX_STRING_LENGTH = 10_000;
    static final int DEFAULT_MAX_ITEMS = 1_000;

    static MappingSettings defaults() {
        return new MappingSettings(null, null, List.of(), List.of(), DEFAULT_MAX_STRING_LENGTH, DEFAULT_MAX_ITEMS);
    }
}
