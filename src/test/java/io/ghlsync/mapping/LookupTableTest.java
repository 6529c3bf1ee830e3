package io.ghlsync.mapping;

import org.junit.jupiter.api.Test;

import static io.ghlsync.mapping.Fixtures.map;
import static io.ghlsync.mapping.Fixtures.mapping;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Lookup tables translate status and stage names; unknown values are an error, kept, omitted or defaulted as declared. */
class LookupTableTest {

    private static Mapping withUnknown(String unknown) throws MappingLoadException {
        return mapping("l", """
                lookups:
                  stage:
                    values: {new: lead, Won: customer, "true": closed}
                """ + (unknown == null ? "" : "    unknown: " + unknown + "\n") + """
                fields:
                  out: {from: s, transforms: [{lookup: stage}]}
                """);
    }

    @Test
    void knownValuesMatchRegardlessOfCaseAndSpaces() throws Exception {
        Mapping mapping = withUnknown(null);
        assertThat(map(mapping, "{'s': ' WON '}").output().get("out").textValue()).isEqualTo("customer");
        assertThat(map(mapping, "{'s': true}").output().get("out").textValue()).isEqualTo("closed");
    }

    @Test
    void unknownValuesAreAnErrorByDefaultNamingTheKnownOnes() throws Exception {
        MappingResult result = map(withUnknown(null), "{'s': 'archived'}");
        assertThat(result.errors()).containsExactly(new MappingError("out", "s", "lookup",
                "unknown value 'archived' for lookup stage (known: new, won, true)"));
    }

    @Test
    void unknownCanBeKeptOmittedOrDefaulted() throws Exception {
        assertThat(map(withUnknown("keep"), "{'s': 'archived'}").output().get("out").textValue()).isEqualTo("archived");
        assertThat(map(withUnknown("omit"), "{'s': 'archived'}").output().has("out")).isFalse();
        assertThat(map(withUnknown("{default: other}"), "{'s': 'archived'}").output().get("out").textValue()).isEqualTo("other");
    }

    @Test
    void aHugeUnknownValueIsQuotedShortly() throws Exception {
        MappingResult result = map(withUnknown(null), "{'s': '" + "x".repeat(5000) + "'}");
        assertThat(result.errors().get(0).reason()).startsWith("unknown value 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...' (5000 characters)");
    }

    @Test
    void keysThatCollideRegardlessOfCaseAreAFileProblem() {
        assertThatThrownBy(() -> mapping("l", """
                lookups:
                  stage: {values: {won: a, WON: b}}
                fields:
                  out: {from: s, transforms: [{lookup: stage}]}
                """)).isInstanceOf(MappingLoadException.class).hasMessageContaining("has the key 'WON' twice");
    }
}
