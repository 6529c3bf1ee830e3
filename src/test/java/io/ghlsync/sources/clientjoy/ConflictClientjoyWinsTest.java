package io.ghlsync.sources.clientjoy;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** clientjoy.sync.conflict=clientjoy-wins: Clientjoy's change is written to GHL, even when GHL's came later. */
class ConflictClientjoyWinsTest extends ConflictRuleTestSupport {

    @Override
    String rule() {
        return "clientjoy-wins";
    }

    @Test
    void clientjoysNameIsWrittenToGhl() throws Exception {
        assertThat(settledName(false)).isEqualTo("clientjoy");
    }

    @Test
    void aGhlWebhookAppliedBeforeThePollDoesNotOverwriteTheClientjoyChange() throws Exception {
        assertThat(settledName(false, true)).isEqualTo("clientjoy");
    }
}
