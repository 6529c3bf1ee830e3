package io.ghlsync.mapping;

import org.junit.jupiter.api.Test;

import static io.ghlsync.mapping.Fixtures.field;
import static io.ghlsync.mapping.Fixtures.json;
import static io.ghlsync.mapping.Fixtures.map;
import static org.assertj.core.api.Assertions.assertThat;

/** Tag lists from text or arrays: trimmed, de-duplicated, with add and remove lists; wrong shapes name the element. */
class TagTransformsTest {

    @Test
    void fromCommaSeparatedTextOrArray() throws Exception {
        Mapping mapping = field("{from: t, transforms: [tags]}");
        assertThat(map(mapping, "{'t': ' web, Pricing;; web ,PRICING '}").output().get("out")).isEqualTo(json("['web', 'Pricing']"));
        assertThat(map(mapping, "{'t': ['web', ' demo  day ', null, '', 42]}").output().get("out")).isEqualTo(json("['web', 'demo day', '42']"));
    }

    @Test
    void addAndRemoveIgnoreCase() throws Exception {
        Mapping mapping = field("{from: t, transforms: [{tags: {lower: true}}, {add: [Cliengo, web]}, {remove: [SPAM]}]}");
        assertThat(map(mapping, "{'t': 'Web, spam, Ñandú'}").output().get("out")).isEqualTo(json("['web', 'ñandú', 'Cliengo']"));
        assertThat(map(mapping, "{}").output().get("out")).isEqualTo(json("['Cliengo', 'web']"));
    }

    @Test
    void removingEveryTagLeavesNoField() throws Exception {
        Mapping mapping = field("{from: t, transforms: [tags, {remove: [a, b]}]}");
        assertThat(map(mapping, "{'t': 'a,b'}").output().has("out")).isFalse();
    }

    @Test
    void anObjectWhereAListIsExpectedIsATypeError() throws Exception {
        MappingResult result = map(field("{from: t, transforms: [tags]}"), "{'t': {'web': true}}");
        assertThat(result.errors()).containsExactly(new MappingError("out", "t", "type",
                "expected a list of tags or a comma-separated text, got an object"));
    }

    @Test
    void aBadElementIsNamedByIndex() throws Exception {
        MappingResult result = map(field("{from: t, transforms: [tags]}"), "{'t': ['web', ['nested']]}");
        assertThat(result.errors()).containsExactly(new MappingError("out[1]", "t[1]", "type", "expected a tag (text), got an array"));
    }
}
