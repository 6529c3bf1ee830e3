package io.ghlsync.sandbox.ghl;

/**
 * Phones as GHL stores them: E.164. The sandbox only strips the usual punctuation and insists on "+" and 8–15 digits;
 * it does not guess a country, because guessing is the engine's mapping job (and GHL rejects what it cannot parse).
 */
final class PhoneNumber {

    private PhoneNumber() {
    }

    /** The E.164 form, or null when {@code raw} is not a phone GHL would accept. */
    static String e164(String raw) {
        if (raw == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(raw.length());
        for (char c : raw.trim().toCharArray()) {
            if (c == ' ' || c == '-' || c == '(' || c == ')' || c == '.') {
                continue;
            }
            out.append(c);
        }
        String compact = out.toString();
        if (compact.length() < 9 || compact.length() > 16 || compact.charAt(0) != '+' || compact.charAt(1) == '0') {
            return null;
        }
        for (int i = 1; i < compact.length(); i++) {
            if (!Character.isDigit(compact.charAt(i)) || compact.charAt(i) > '9') {
                return null;
            }
        }
        return compact;
    }
}
