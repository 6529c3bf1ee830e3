package io.ghlsync.mapping;

import org.junit.jupiter.api.Test;

import static io.ghlsync.mapping.Fixtures.field;
import static io.ghlsync.mapping.Fixtures.map;
import static org.assertj.core.api.Assertions.assertThat;

/** trim, squish, case, split-name and join handle accents, emoji, CJK, numbers and wrong types. */
class TextTransformsTest {

    private static String out(String rule, String record) throws MappingLoadException {
        MappingResult result = map(field(rule), record);
        assertThat(result.errors()).isEmpty();
        return result.output().path("out").isMissingNode() ? null : result.output().get("out").asText();
    }

    @Test
    void trimAndSquishRemoveEveryKindOfSpace() throws Exception {
        assertThat(out("{from: a, transforms: [trim]}", "{'a': '\u00a0 Ana  Gómez \u200b'}")).isEqualTo("Ana  Gómez");
        assertThat(out("{from: a, transforms: [squish]}", "{'a': ' Ana \\t\\n  Gómez '}")).isEqualTo("Ana Gómez");
    }

    @Test
    void caseChangesUseNoLocaleTricks() throws Exception {
        assertThat(out("{from: a, transforms: [lower]}", "{'a': 'ÍÑIGO TITLE'}")).isEqualTo("íñigo title");
        assertThat(out("{from: a, transforms: [upper]}", "{'a': 'straße'}")).isEqualTo("STRASSE");
        assertThat(out("{from: a, transforms: [title]}", "{'a': 'mARÍA o\\u0027neil-pérez 😀 王小明'}")).isEqualTo("María O'neil-Pérez 😀 王小明");
    }

    @Test
    void splitNameTakesTheFirstWordAsFirstName() throws Exception {
        assertThat(out("{from: n, transforms: [{split-name: first}]}", "{'n': '  María José   Pérez '}")).isEqualTo("María");
        assertThat(out("{from: n, transforms: [{split-name: last}]}", "{'n': '  María José   Pérez '}")).isEqualTo("José Pérez");
        assertThat(out("{from: n, transforms: [{split-name: first}]}", "{'n': '王小明'}")).isEqualTo("王小明");
        assertThat(out("{from: n, transforms: [{split-name: last}]}", "{'n': '王小明'}")).isNull();
        assertThat(out("{from: n, transforms: [{split-name: last}]}", "{'n': '🦊 Zorro'}")).isEqualTo("Zorro");
    }

    @Test
    void joinGluesCollectedPartsSkippingEmptyOnes() throws Exception {
        assertThat(out("{collect: [first, last], transforms: [join]}", "{'first': ' Ana ', 'last': 'Gómez'}")).isEqualTo("Ana Gómez");
        assertThat(out("{collect: [first, middle, last], transforms: [join]}", "{'first': 'Ana', 'middle': '', 'last': 'Gómez'}")).isEqualTo("Ana Gómez");
        assertThat(out("{collect: [first, last], transforms: [{join: ', '}]}", "{'last': 'Gómez'}")).isEqualTo("Gómez");
        assertThat(out("{collect: [first, last], transforms: [join]}", "{}")).isNull();
    }

    @Test
    void numbersAreTextInPlainDecimal() throws Exception {
        assertThat(out("{from: a, transforms: [string]}", "{'a': 5491145678901}")).isEqualTo("5491145678901");
        assertThat(out("{from: a, transforms: [string]}", "{'a': 1.50}")).isEqualTo("1.5");
        assertThat(out("{from: a, transforms: [string]}", "{'a': 1e21}")).isEqualTo("1000000000000000000000");
    }

    @Test
    void objectsArraysAndBooleansAreTypeErrorsWithTheFieldPath() throws Exception {
        for (String value : new String[] {"{'x': 1}", "['a']", "true"}) {
            MappingResult result = map(field("{from: a.b, transforms: [trim]}"), "{'a': {'b': " + value + "}}");
            assertThat(result.errors()).singleElement().satisfies(error -> {
                assertThat(error.target()).isEqualTo("out");
                assertThat(error.source()).isEqualTo("a.b");
                assertThat(error.code()).isEqualTo("type");
                assertThat(error.reason()).startsWith("expected text, got ");
            });
        }
    }
}
