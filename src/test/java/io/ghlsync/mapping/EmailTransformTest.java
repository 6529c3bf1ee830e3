package io.ghlsync.mapping;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.ghlsync.mapping.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Emails are trimmed (every kind of space), lower-cased and checked; anything else is refused with the reason. */
class EmailTransformTest {

    private final EmailTransform email = EmailTransform.INSTANCE;

    @Test
    void upperCaseWithSpacesIsNormalised() throws TransformFailure {
        assertThat(email.apply(json("'  ANA.Gomez@Example.COM \\t'")).textValue()).isEqualTo("ana.gomez@example.com");
        assertThat(email.apply(json("'\u00a0\u200bana@example.com\ufeff'")).textValue()).isEqualTo("ana@example.com");
        assertThat(email.apply(json("'mailto:Ana@Example.com'")).textValue()).isEqualTo("ana@example.com");
    }

    @Test
    void unicodeAddressesAreKept() throws TransformFailure {
        assertThat(email.apply(json("'José.Núñez@Correo.com.ar'")).textValue()).isEqualTo("josé.núñez@correo.com.ar");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ana", "ana@", "@example.com", "ana@example", "ana gomez@example.com", "ana@@example.com",
            "ana@exa mple.com", "ana..gomez@example.com", "ana@-example.com", "ana@example.c"})
    void malformedAddressesAreRefused(String address) {
        assertThatThrownBy(() -> email.apply(json("\"" + address + "\""))).isInstanceOf(TransformFailure.class)
                .hasMessageStartingWith("not a valid email address");
    }

    @Test
    void theReasonSaysWhatIsWrongWithoutQuotingTheAddress() {
        assertThatThrownBy(() -> email.apply(json("'ana gomez@example.com'"))).hasMessage("not a valid email address: contains spaces");
        assertThatThrownBy(() -> email.apply(json("'ana.example.com'"))).hasMessage("not a valid email address: no @");
        assertThatThrownBy(() -> email.apply(json("'" + "a".repeat(300) + "@example.com'")))
                .hasMessage("not a valid email address: 312 characters long (at most 254)");
    }

    @Test
    void aLongHostileAddressIsRefusedByLengthBeforeAnyPatternRuns() {
        String hostile = "a".repeat(200_000) + "@" + "b-".repeat(100_000);
        assertThatThrownBy(() -> email.apply(json("\"" + hostile + "\""))).hasMessage("not a valid email address: 400001 characters long (at most 254)");
    }

    @Test
    void wrongTypesAreTypeErrors() {
        assertThatThrownBy(() -> email.apply(json("{'address': 'ana@example.com'}")))
                .hasMessage("expected an email address (text), got an object");
        assertThatThrownBy(() -> email.apply(json("['ana@example.com']"))).hasMessage("expected an email address (text), got an array");
    }
}
