package io.ghlsync.mapping;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Locale;

/** Text helpers shared by the transforms: reading text out of a value, trimming every kind of space, title case. */
final class Text {

    private Text() {
    }

    /** The text of a string or number value (numbers in plain decimal); anything else is a type failure. */
    static String of(JsonNode value, String expected) throws TransformFailure {
        String text = Json.scalarText(value);
        if (text == null) {
            throw TransformFailure.type(expected, value);
        }
        return text;
    }

    /** Trims white space at both ends, including no-break spaces, zero-width spaces and byte-order marks. */
    static String trim(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && isSpace(text.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(text.charAt(end - 1))) {
            end--;
        }
        return start == 0 && end == text.length() ? text : text.substring(start, end);
    }

    /** Trims and turns every run of inner white space into one space. */
    static String squish(String text) {
        String trimmed = trim(text);
        StringBuilder out = null;
        boolean inSpace = false;
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            if (isSpace(c)) {
                if (out == null) {
                    out = new StringBuilder(trimmed.length()).append(trimmed, 0, i);
                }
                if (!inSpace) {
                    out.append(' ');
                }
                inSpace = true;
            } else {
                if (out != null) {
                    out.append(c);
                }
                inSpace = false;
            }
        }
        return out == null ? trimmed : out.toString();
    }

    static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u200B' || c == '\uFEFF';
    }

    static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }

    static String upper(String text) {
        return text.toUpperCase(Locale.ROOT);
    }

    /**
     * First letter of every word in title case, the rest lower case: "mARÍA o'neil-pérez" becomes
     * "María O'neil-Pérez". Words start after white space, a hyphen or a dot; scripts without case (CJK) and emoji
     * are left as they are.
     */
    static String title(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean startOfWord = true;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isLetter(cp)) {
                out.appendCodePoint(startOfWord ? Character.toTitleCase(cp) : Character.toLowerCase(cp));
                startOfWord = false;
            } else {
                out.appendCodePoint(cp);
                startOfWord = Character.isWhitespace(cp) || Character.isSpaceChar(cp) || cp == '-' || cp == '.';
            }
        }
        return out.toString();
    }

    static int length(String text) {
        return text.codePointCount(0, text.length());
    }
}
