package io.ghlsync.sources.cliengo;

import io.ghlsync.operations.EngineProperties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The polling fallback alone (the Cliengo sandbox sends no webhooks): leads, their notes and tasks reach GHL from the
 * Quartz-scheduled poll, the cursor is persisted, and polls that re-read unchanged leads write nothing to GHL.
 */
class CliengoPollTest extends CliengoEngineTestSupport {

    @Override
    protected EngineProperties engineProperties() {
        return super.engineProperties()
                .with("cliengo.poll.enabled", "true")
                .with("cliengo.poll.cron", "0/1 * * * * ?")
                .with("cliengo.poll.page-size", "7");
    }

    @BeforeEach
    void noWebhooks() {
        sandbox.cliengo().reset();
    }

    @Test
    void polledLeadsReachGhlAndUnchangedLeadsCostNoWriteOnTheNextPolls() {
        var generated = sandbox.cliengo().generate(20, 7);
        long contacts = sandbox.ghl().location(LOCATION).contactCount();

        await("every lead carries its GHL contact id", Duration.ofSeconds(60), () -> enriched() && settled());
        assertThat(sandbox.ghl().location(LOCATION).contactCount() - contacts).isEqualTo(generated.people());
        assertThat(database().pollCursors().get("cliengo", "leads-updated")).isPresent();
        assertThat(count("SELECT COUNT(*) FROM link WHERE source_system = 'cliengo' AND entity_type = 'note'"))
                .isEqualTo(generated.notes());
        assertThat(count("SELECT COUNT(*) FROM link WHERE source_system = 'cliengo' AND entity_type = 'task'"))
                .isEqualTo(generated.tasks());

        // the write-backs changed every lead's updatedAt: the next polls read them all again, and write nothing
        long writes = writes();
        long pages = leadPages();
        await("two more polls ran", Duration.ofSeconds(30), () -> leadPages() >= pages + 2 && settled());
        assertThat(writes() - writes).as("GHL writes for re-polled, unchanged leads").isZero();
    }

    private long leadPages() {
        return sandbox.cliengo().stats().requests("GET /leads");
    }

    private boolean enriched() {
        return cliengoLeads().stream().allMatch(lead -> lead.hasNonNull("ghlContactId"));
    }
}
