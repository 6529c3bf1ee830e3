package io.ghlsync.sources.clientjoy;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** clientjoy.sync.conflict=last-writer-wins: GHL's dateUpdated against Clientjoy's updated_at; the later edit wins. */
class ConflictLastWriterWinsTest extends ConflictRuleTestSupport {

    @Override
    String rule() {
        return "last-writer-wins";
    }

    @Test
    void theLaterClientjoyEditWins() throws Exception {
        assertThat(settledName(true)).isEqualTo("clientjoy");
    }

    @Test
    void theLaterGhlEditWins() throws Exception {
        assertThat(settledName(false)).isEqualTo("ghl");
    }
}
