package io.ghlsync.sources.cliengo;

import io.ghlsync.operations.EngineProperties;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same 1,000 generated leads reach the engine only by polling (the Cliengo sandbox posts no webhook): the same end
 * state as by webhook, and polls that re-read the unchanged leads write nothing to GHL.
 */
class ThousandLeadsByPollingTest extends ThousandLeadsTestSupport {

    @Override
    protected EngineProperties engineProperties() {
        return super.engineProperties().with("cliengo.poll.enabled", "true").with("cliengo.poll.cron", "0/2 * * * * ?");
    }

    @Test
    void pollingAloneReachesTheSameEndStateAndRePollsWriteNothing() {
        sandbox.cliengo().reset();
        Map<String, Long> before = ledger();

        var generated = sandbox.cliengo().generate(LEADS, SEED);
        await("every lead was polled, written and enriched", Duration.ofSeconds(600),
                () -> settled() && cliengoLeads().stream().allMatch(lead -> lead.hasNonNull("ghlContactId")));

        assertThat(count("SELECT COUNT(*) FROM dead_letter")).as("dead letters").isZero();
        assertEndState(generated);
        assertCalls(generated, before);

        // the write-backs changed every lead's updatedAt: the next poll reads all 1,000 again (10 pages), then 1
        long writes = writes();
        long pages = sandbox.cliengo().stats().requests("GET /leads");
        await("the leads were polled again and processed", Duration.ofSeconds(120),
                () -> sandbox.cliengo().stats().requests("GET /leads") > pages + 10 && settled());
        assertThat(writes() - writes).as("GHL writes for 1,000 re-polled, unchanged leads").isZero();
    }
}
