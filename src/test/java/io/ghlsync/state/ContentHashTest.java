package io.ghlsync.state;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The content hash depends on what was written, not on the order a mapping produced the fields in. */
class ContentHashTest {

    @Test
    void keyOrderDoesNotMatterAtAnyDepth() {
        assertThat(ContentHash.of("{\"a\":1,\"b\":{\"x\":[1,2],\"y\":\"z\"}}"))
                .isEqualTo(ContentHash.of("{ \"b\": {\"y\":\"z\", \"x\":[1,2]}, \"a\": 1 }"))
                .startsWith("sha256:").hasSize("sha256:".length() + 64);
    }

    @Test
    void anyChangedValueOrArrayOrderChangesTheHash() {
        String base = ContentHash.of("{\"a\":1,\"tags\":[\"x\",\"y\"]}");
        assertThat(ContentHash.of("{\"a\":2,\"tags\":[\"x\",\"y\"]}")).isNotEqualTo(base);
        assertThat(ContentHash.of("{\"a\":1,\"tags\":[\"y\",\"x\"]}")).isNotEqualTo(base);
        assertThat(ContentHash.of("{\"a\":\"1\",\"tags\":[\"x\",\"y\"]}")).isNotEqualTo(base);
    }

    @Test
    void textThatIsNotJsonIsRefused() {
        assertThatThrownBy(() -> ContentHash.of("{not json")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not JSON");
    }
}
