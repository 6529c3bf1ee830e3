package io.ghlsync.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * {@code phone}: any way people write a phone number, to E.164 ({@code +5491123456789}), with libphonenumber.
 * A number without {@code +country} is read as a number of the default region: in {@code AR},
 * {@code 011 2345-6789} and {@code (11) 2345-6789} are Buenos Aires land lines ({@code +541123456789}),
 * {@code 011 15 2345-6789} and {@code +54 9 11 2345-6789} the same mobile ({@code +5491123456789}).
 * Numbers libphonenumber does not hold valid are refused, never passed on half-formatted.
 *
 * <p>Most numbers arrive already international ({@code +54 9 11 2345-6789}); for those, a fast path reads the digits
 * directly and asks libphonenumber only whether the number is valid, which is several times cheaper than its full
 * parser. Anything the fast path is not sure of (letters, extensions, a trunk 0 after the country code, an invalid
 * result) goes through the full parser; a test checks that both agree on every example number libphonenumber knows.
 */
final class PhoneTransform implements Transform {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    /** No real phone number, with its punctuation, is this long; longer input is refused before parsing. */
    private static final int MAX_LENGTH = 64;

    private final String region;

    private PhoneTransform(String region) {
        this.region = region;
    }

    /** @param region ISO 3166 alpha-2 code, or {@code null} to accept only numbers that start with + */
    static PhoneTransform forRegion(String region) {
        if (region != null && !PHONES.getSupportedRegions().contains(region)) {
            throw new IllegalArgumentException("'" + region + "' is not a phone region libphonenumber knows "
                    + "(an ISO 3166 code such as AR, MX, US; quote NO as 'NO')");
        }
        return new PhoneTransform(region);
    }

    @Override
    public JsonNode apply(JsonNode value) throws TransformFailure {
        String text = Text.trim(Text.of(value, "a phone number (text)"));
        if (text.length() > MAX_LENGTH) {
            throw new TransformFailure("format", "not a phone number: " + text.length() + " characters long");
        }
        PhoneNumber fast = fastInternational(text);
        if (fast != null) {
            return TextNode.valueOf(PHONES.format(fast, PhoneNumberFormat.E164));
        }
        String regionForParse = region == null ? "ZZ" : region;
        PhoneNumber number;
        try {
            number = PHONES.parse(text, regionForParse);
        } catch (NumberParseException e) {
            throw new TransformFailure("format", switch (e.getErrorType()) {
                case INVALID_COUNTRY_CODE -> region == null
                        ? "not a phone number in international form (+country ...), and the mapping sets no default region"
                        : "not a phone number: unknown country code";
                case TOO_SHORT_AFTER_IDD, TOO_SHORT_NSN -> "not a phone number: too short";
                case TOO_LONG -> "not a phone number: too long";
                default -> "not a phone number";
            });
        }
        if (!PHONES.isValidNumber(number)) {
            String where = PHONES.getRegionCodeForCountryCode(number.getCountryCode());
            throw new TransformFailure("format", "not a valid phone number"
                    + ("ZZ".equals(where) ? " (no country has code +" + number.getCountryCode() + ")" : " in " + where)
                    + (region != null && !text.startsWith("+") ? "; numbers without +country are read as " + region : ""));
        }
        return TextNode.valueOf(PHONES.format(number, PhoneNumberFormat.E164));
    }

    /**
     * A valid number read from "+", digits and the usual separators (space, hyphen, dot, parentheses), or
     * {@code null} when the full parser must decide.
     */
    static PhoneNumber fastInternational(String text) {
        if (text.length() < 8 || text.charAt(0) != '+') {
            return null;
        }
        char[] digits = new char[17];
        int count = 0;
        for (int i = 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                if (count == digits.length) {
                    return null;
                }
                digits[count++] = c;
            } else if (c != ' ' && c != '-' && c != '.' && c != '(' && c != ')') {
                return null;
            }
        }
        if (count < 7 || digits[0] == '0') {
            return null;
        }
        int countryCode = 0;
        for (int length = 1; length <= 3 && length < count; length++) {
            countryCode = countryCode * 10 + (digits[length - 1] - '0');
            if (!"ZZ".equals(PHONES.getRegionCodeForCountryCode(countryCode))) {
                if (digits[length] == '0') {
                    return null;
                }
                long national = Long.parseLong(new String(digits, length, count - length));
                PhoneNumber number = new PhoneNumber().setCountryCode(countryCode).setNationalNumber(national);
                return PHONES.isValidNumber(number) ? number : null;
            }
        }
        return null;
    }
}
