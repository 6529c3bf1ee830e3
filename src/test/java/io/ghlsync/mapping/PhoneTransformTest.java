package io.ghlsync.mapping;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static io.ghlsync.mapping.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Phones become E.164 with libphonenumber; Argentinian forms are read with the default region; bad numbers are refused. */
class PhoneTransformTest {

    private final PhoneTransform argentina = PhoneTransform.forRegion("AR");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "+54 9 11 4567-8901   | +5491145678901",
            "011 4567-8901        | +541145678901",
            "011 15 4567-8901     | +5491145678901",
            "(11) 4567-8901       | +541145678901",
            "+5491145678901       | +5491145678901",
            "'  +54 11 4567 8901 '| +541145678901",
            "+1 650-253-0000      | +16502530000",
            "０１１ ４５６７-８９０１  | +541145678901",
    })
    void argentinianAndInternationalForms(String input, String e164) throws TransformFailure {
        assertThat(argentina.apply(json("\"" + input + "\"")).textValue()).isEqualTo(e164);
    }

    @Test
    void aNumberValueIsReadAsItsDigits() throws TransformFailure {
        assertThat(argentina.apply(json("5491145678901")).textValue()).isEqualTo("+5491145678901");
    }

    @Test
    void tooShortOrNotAPhoneIsRefused() {
        assertThatThrownBy(() -> argentina.apply(json("'123'"))).isInstanceOf(TransformFailure.class)
                .hasMessage("not a valid phone number in AR; numbers without +country are read as AR");
        assertThatThrownBy(() -> argentina.apply(json("'call me'"))).hasMessage("not a phone number");
        assertThatThrownBy(() -> argentina.apply(json("'+999 1234 5678'"))).hasMessageStartingWith("not a phone number");
    }

    @Test
    void withoutRegionOnlyInternationalNumbersAreAccepted() throws TransformFailure {
        PhoneTransform none = PhoneTransform.forRegion(null);
        assertThat(none.apply(json("'+54 9 11 4567-8901'")).textValue()).isEqualTo("+5491145678901");
        assertThatThrownBy(() -> none.apply(json("'011 4567-8901'")))
                .hasMessageContaining("international form").hasMessageContaining("no default region");
    }

    @Test
    void hugeOrWronglyTypedInputIsRefusedBeforeParsing() {
        assertThatThrownBy(() -> argentina.apply(json("'" + "9".repeat(100_000) + "'")))
                .hasMessage("not a phone number: 100000 characters long");
        assertThatThrownBy(() -> argentina.apply(json("{'number': '011 4567-8901'}")))
                .hasMessage("expected a phone number (text), got an object");
        assertThatThrownBy(() -> argentina.apply(json("true"))).extracting(e -> ((TransformFailure) e).code()).isEqualTo("type");
    }

    @Test
    void theFastPathAgreesWithTheFullParserOnEveryExampleNumber() throws Exception {
        PhoneNumberUtil phones = PhoneNumberUtil.getInstance();
        int fast = 0;
        int checked = 0;
        java.util.Set<String> regions = new java.util.TreeSet<>(phones.getSupportedRegions());
        for (String region : regions) {
            for (PhoneNumberUtil.PhoneNumberType type : PhoneNumberUtil.PhoneNumberType.values()) {
                Phonenumber.PhoneNumber example = phones.getExampleNumberForType(region, type);
                if (example == null) {
                    continue;
                }
                for (PhoneNumberUtil.PhoneNumberFormat format : new PhoneNumberUtil.PhoneNumberFormat[] {
                        PhoneNumberUtil.PhoneNumberFormat.INTERNATIONAL, PhoneNumberUtil.PhoneNumberFormat.E164}) {
                    String written = phones.format(example, format);
                    Phonenumber.PhoneNumber parsed = phones.parse(written, "ZZ");
                    String expected = phones.isValidNumber(parsed) ? phones.format(parsed, PhoneNumberUtil.PhoneNumberFormat.E164) : null;
                    Phonenumber.PhoneNumber shortcut = PhoneTransform.fastInternational(written);
                    if (shortcut != null) {
                        fast++;
                        assertThat(phones.format(shortcut, PhoneNumberUtil.PhoneNumberFormat.E164)).as(written).isEqualTo(expected);
                    }
                    if (expected != null) {
                        assertThat(argentina.apply(json("\"" + written + "\"")).textValue()).as(written).isEqualTo(expected);
                    }
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThan(2000);
        assertThat(fast).as("the fast path takes most international numbers").isGreaterThan(checked * 3 / 4);
    }

    @Test
    void theFastPathLeavesDoubtfulFormsToTheFullParser() {
        assertThat(PhoneTransform.fastInternational("+44 (0) 20 7946 0958")).isNull();
        assertThat(PhoneTransform.fastInternational("+54 11 4567-8901 ext. 12")).isNull();
        assertThat(PhoneTransform.fastInternational("011 4567-8901")).isNull();
        assertThat(PhoneTransform.fastInternational("+54 123")).isNull();
        assertThat(PhoneTransform.fastInternational("+54 9 11 4567-8901")).isNotNull();
    }

    @Test
    void anUnknownRegionIsAMappingFileProblem() {
        assertThatThrownBy(() -> PhoneTransform.forRegion("XX")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'XX' is not a phone region");
    }
}
