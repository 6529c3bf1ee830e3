package io.ghlsync.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.text.ParsePosition;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.Locale;

/**
 * {@code date}: a date or date-time in ISO-8601 or one of the mapping's {@code datePatterns}, written out in ISO-8601.
 * A value without a zone or offset is read in the mapping's {@code zone}; with no zone set it is refused (a guessed
 * zone would silently shift every time by hours). Impossible dates (31 April) are refused, not rounded.
 *
 * <p>Output ({@code output:}): {@code instant} (default, UTC: {@code 2024-05-02T17:31:00Z}), {@code offset}
 * (in the zone: {@code 2024-05-02T14:31:00-03:00}) or {@code date} ({@code 2024-05-02}).
 */
final class DateTransform implements Transform {

    enum Output { INSTANT, OFFSET, DATE }

    enum Epoch { NONE, MILLIS, SECONDS }

    private static final int MAX_LENGTH = 64;

    private final ZoneId zone;
    private final List<DateTimeFormatter> patterns;
    private final List<String> patternText;
    private final Output output;
    private final Epoch epoch;

    DateTransform(ZoneId zone, List<DateTimeFormatter> patterns, List<String> patternText, Output output, Epoch epoch) {
        this.zone = zone;
        this.patterns = patterns;
        this.patternText = patternText;
        this.output = output;
        this.epoch = epoch;
    }

    /** Compiles a java.time pattern strictly (so 31/04 fails); {@code yyyy} is read as {@code uuuu}, which strict needs. */
    static DateTimeFormatter pattern(String pattern) {
        StringBuilder strict = new StringBuilder(pattern.length());
        boolean quoted = false;
        for (char c : pattern.toCharArray()) {
            if (c == '\'') {
                quoted = !quoted;
            }
            strict.append(!quoted && c == 'y' ? 'u' : c);
        }
        return DateTimeFormatter.ofPattern(strict.toString(), Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);
    }

    @Override
    public JsonNode apply(JsonNode value) throws TransformFailure {
        if (value.isNumber()) {
            if (epoch == Epoch.NONE || !value.canConvertToLong()) {
                throw new TransformFailure("type", "expected a date (text), got a number"
                        + (epoch == Epoch.NONE ? " (set epoch: millis or seconds to accept numbers)" : ""));
            }
            long number = value.longValue();
            try {
                return write(epoch == Epoch.MILLIS ? Instant.ofEpochMilli(number) : Instant.ofEpochSecond(number), null);
            } catch (DateTimeException | ArithmeticException e) {
                throw new TransformFailure("format", "not a date: " + number + " is out of range");
            }
        }
        if (!value.isTextual()) {
            throw TransformFailure.type("a date (text)", value);
        }
        String text = Text.trim(value.textValue());
        if (text.length() > MAX_LENGTH) {
            throw new TransformFailure("format", "not a date: " + text.length() + " characters long");
        }
        TemporalAccessor parsed = parse(text);
        try {
            if (parsed instanceof ZonedDateTime zoned) {
                return write(zoned.toInstant(), null);
            }
            if (parsed instanceof LocalDateTime local) {
                return write(local.atZone(requireZone()).toInstant(), null);
            }
            LocalDate date = (LocalDate) parsed;
            return output == Output.DATE ? TextNode.valueOf(date.toString()) : write(date.atStartOfDay(requireZone()).toInstant(), date);
        } catch (DateTimeException e) {
            throw new TransformFailure("format", "not a date: out of range");
        }
    }

    private ZoneId requireZone() throws TransformFailure {
        if (zone == null) {
            throw new TransformFailure("format", "a date without a zone or offset, and the mapping sets no zone "
                    + "(settings: zone: America/Argentina/Buenos_Aires, for example)");
        }
        return zone;
    }

    private JsonNode write(Instant instant, LocalDate date) throws TransformFailure {
        return switch (output) {
            case INSTANT -> TextNode.valueOf(DateTimeFormatter.ISO_INSTANT.format(instant));
            case OFFSET -> TextNode.valueOf(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atZone(zoneOrUtc())));
            case DATE -> TextNode.valueOf(date != null ? date.toString() : instant.atZone(zoneOrUtc()).toLocalDate().toString());
        };
    }

    private ZoneId zoneOrUtc() {
        return zone == null ? ZoneOffset.UTC : zone;
    }

    /** ISO first (picked by shape, so no exception is thrown per record for the common cases), then the patterns. */
    private TemporalAccessor parse(String text) throws TransformFailure {
        if (looksIso(text)) {
            try {
                if (text.length() == 10) {
                    return LocalDate.parse(text);
                }
                if (hasZone(text)) {
                    return ZonedDateTime.parse(text, DateTimeFormatter.ISO_ZONED_DATE_TIME);
                }
                return LocalDateTime.parse(text);
            } catch (DateTimeParseException e) {
                // an ISO-looking value may still match a configured pattern; else it is refused below
            }
        }
        for (DateTimeFormatter pattern : patterns) {
            ParsePosition position = new ParsePosition(0);
            if (pattern.parseUnresolved(text, position) == null || position.getErrorIndex() >= 0
                    || position.getIndex() != text.length()) {
                continue;
            }
            try {
                return pattern.parseBest(text, ZonedDateTime::from, LocalDateTime::from, LocalDate::from);
            } catch (DateTimeParseException e) {
                throw new TransformFailure("format", "not a valid date (" + Json.excerpt(text) + " has the form "
                        + Json.excerpt(patternText.get(patterns.indexOf(pattern))) + " but is no such date)");
            }
        }
        throw new TransformFailure("format", "not a date in ISO-8601" + (patternText.isEmpty() ? "" : " or " + String.join(", ", patternText)));
    }

    private static boolean looksIso(String text) {
        return text.length() >= 10 && text.charAt(4) == '-' && text.charAt(7) == '-'
                && Character.isDigit(text.charAt(0)) && (text.length() == 10 || text.charAt(10) == 'T' || text.charAt(10) == 't');
    }

    private static boolean hasZone(String text) {
        char last = text.charAt(text.length() - 1);
        if (last == 'Z' || last == 'z' || last == ']') {
            return true;
        }
        int time = 11;
        return text.indexOf('+', time) > 0 || text.indexOf('-', time) > 0;
    }
}
