package io.ghlsync.mapping;

import org.junit.jupiter.api.Test;

import static io.ghlsync.mapping.Fixtures.field;
import static io.ghlsync.mapping.Fixtures.map;
import static io.ghlsync.mapping.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

/** Dates in ISO-8601 or configured patterns come out in ISO-8601; zone-less dates use the mapping's zone, or are refused. */
class DateTransformTest {

    private static final String BUENOS_AIRES = "settings:\n  zone: America/Argentina/Buenos_Aires\n  datePatterns: ['dd/MM/yyyy HH:mm', 'dd/MM/yyyy']\n";

    private static Mapping dates(String settings, String transform) throws MappingLoadException {
        return Fixtures.mapping("d", settings + "fields:\n  out:\n    from: when\n    transforms: [" + transform + "]\n");
    }

    private static String out(Mapping mapping, String when) {
        MappingResult result = mapping.apply(json("{\"when\": " + when + "}"), Fixtures.SANDBOX);
        assertThat(result.errors()).isEmpty();
        return result.output().get("out").textValue();
    }

    private static MappingError error(Mapping mapping, String when) {
        MappingResult result = mapping.apply(json("{\"when\": " + when + "}"), Fixtures.SANDBOX);
        assertThat(result.isOk()).isFalse();
        assertThat(result.errors()).hasSize(1);
        return result.errors().get(0);
    }

    @Test
    void isoWithOffsetBecomesUtcInstant() throws Exception {
        Mapping mapping = dates(BUENOS_AIRES, "date");
        assertThat(out(mapping, "'2024-05-02T14:31:00-03:00'")).isEqualTo("2024-05-02T17:31:00Z");
        assertThat(out(mapping, "'2024-05-02T17:31:00.250Z'")).isEqualTo("2024-05-02T17:31:00.250Z");
        assertThat(out(mapping, "'2024-05-02T14:31:00-03:00[America/Argentina/Buenos_Aires]'")).isEqualTo("2024-05-02T17:31:00Z");
    }

    @Test
    void aDateWithoutZoneIsReadInTheMappingsZone() throws Exception {
        Mapping mapping = dates(BUENOS_AIRES, "date");
        assertThat(out(mapping, "'2024-05-02T14:31:00'")).isEqualTo("2024-05-02T17:31:00Z");
        assertThat(out(mapping, "'02/05/2024 14:31'")).isEqualTo("2024-05-02T17:31:00Z");
        assertThat(out(mapping, "'2024-05-02'")).isEqualTo("2024-05-02T03:00:00Z");
    }

    @Test
    void outputFormsOffsetAndDate() throws Exception {
        assertThat(out(dates(BUENOS_AIRES, "{date: {output: offset}}"), "'2024-05-02T17:31:00Z'")).isEqualTo("2024-05-02T14:31:00-03:00");
        assertThat(out(dates(BUENOS_AIRES, "{date: {output: date}}"), "'2024-05-03T01:00:00Z'")).isEqualTo("2024-05-02");
        assertThat(out(dates(BUENOS_AIRES, "{date: {output: date}}"), "'02/05/2024'")).isEqualTo("2024-05-02");
    }

    @Test
    void withoutAZoneAZoneLessDateIsAnErrorNotAGuess() throws Exception {
        Mapping mapping = dates("", "date");
        assertThat(out(mapping, "'2024-05-02T14:31:00-03:00'")).isEqualTo("2024-05-02T17:31:00Z");
        MappingError error = error(mapping, "'2024-05-02T14:31:00'");
        assertThat(error.target()).isEqualTo("out");
        assertThat(error.source()).isEqualTo("when");
        assertThat(error.reason()).startsWith("a date without a zone or offset, and the mapping sets no zone");
    }

    @Test
    void impossibleAndUnreadableDatesAreRefused() throws Exception {
        Mapping mapping = dates(BUENOS_AIRES, "date");
        assertThat(error(mapping, "'31/04/2024 10:00'").reason()).contains("is no such date");
        assertThat(error(mapping, "'2024-02-30'").reason()).startsWith("not a date in ISO-8601");
        assertThat(error(mapping, "'next tuesday'").reason()).isEqualTo("not a date in ISO-8601 or dd/MM/yyyy HH:mm, dd/MM/yyyy");
        assertThat(error(mapping, "'" + "2".repeat(1000) + "'").reason()).isEqualTo("not a date: 1000 characters long");
    }

    @Test
    void numbersAreEpochsOnlyWhenTheMappingSaysSo() throws Exception {
        assertThat(error(dates(BUENOS_AIRES, "date"), "1714671060000").reason()).contains("set epoch: millis or seconds");
        assertThat(out(dates(BUENOS_AIRES, "{date: {epoch: millis}}"), "1714671060000")).isEqualTo("2024-05-02T17:31:00Z");
        assertThat(out(dates(BUENOS_AIRES, "{date: {epoch: seconds}}"), "1714671060")).isEqualTo("2024-05-02T17:31:00Z");
        assertThat(error(dates(BUENOS_AIRES, "date"), "{'at': '2024-05-02'}").reason()).isEqualTo("expected a date (text), got an object");
    }

    @Test
    void zoneAndPatternsCanBeGivenPerField() throws Exception {
        Mapping mapping = field("""
                from: when
                transforms: [{date: {zone: Europe/Madrid, patterns: ['MM/dd/yyyy h:mm a']}}]
                """);
        assertThat(map(mapping, "{'when': '05/02/2024 2:31 PM'}").output().get("out").textValue()).isEqualTo("2024-05-02T12:31:00Z");
    }
}
