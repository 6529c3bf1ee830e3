package io.ghlsync.sources.clientjoy;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** clientjoy.sync.conflict=ghl-wins (the default): GHL's change is kept and copied to Clientjoy, even when Clientjoy's came later. */
class ConflictGhlWinsTest extends ConflictRuleTestSupport {

    @Override
    String rule() {
        return "ghl-wins";
    }

    @Test
    void ghlsNameIsKeptAndCopiedToClientjoy() throws Exception {
        assertThat(settledName(true)).isEqualTo("ghl");
    }

    @Test
    void aGhlWebhookAppliedBeforeThePollOverwritesTheClientjoyChange() throws Exception {
        assertThat(settledName(true, true)).isEqualTo("ghl");
    }
}
