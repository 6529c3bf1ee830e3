package io.ghlsync.sources.cliengo;

import io.ghlsync.Settings;
import io.ghlsync.state.EntityType;
import io.ghlsync.state.StateDatabase;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.processor.aggregate.jdbc.JdbcAggregationRepository;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A lead's batch completes (its window is over) at the moment the lead's next event joins the aggregator. The fault
 * is injected at that step: the completion stops just before it removes the batch from the aggregation table and
 * waits (at most 3 s) for the next event's add to finish. Whatever interleaving the aggregator allows, the note of
 * that event must reach GHL: in this batch or in the next, never left behind in a batch deduped as one already stored
 * (the kind of loss DatabaseOutageTest found: no dead letter, the engine settled, the note nowhere).
 */
class AggregationCompletionRaceTest extends CliengoEngineTestSupport {

    private static final PausedCompletion REPOSITORY = new PausedCompletion();

    /** These leads are not in the Cliengo sandbox: nothing to write back. */
    @Override
    protected Settings settings() {
        return super.settings().override("cliengo.enrich.enabled", "false");
    }

    /** No routes: once the engine's beans are bound, the lead aggregator's repository, on the same table, with the pause. */
    @Override
    protected RoutesBuilder testRoutes() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                CamelContext camelContext = getContext();
                REPOSITORY.on(camelContext.getRegistry().lookupByNameAndType("stateDatabase", StateDatabase.class));
                // bind alone would keep the engine's repository first under the same name
                camelContext.getRegistry().unbind("cliengoLeadAggregation");
                camelContext.getRegistry().bind("cliengoLeadAggregation", REPOSITORY);
            }
        };
    }

    @Test
    void aNoteJoiningWhileItsLeadsBatchCompletesReachesGhl() throws Exception {
        String lead = "{\"id\":\"ld_race_1\",\"name\":\"Lead race\",\"email\":\"race.1@example.com\",\"tags\":[\"race\"]}";
        post(event("lead.created", "ld_race_1", "\"lead\":" + lead));
        assertThat(REPOSITORY.removing.await(30, TimeUnit.SECONDS)).as("the lead's batch is completing").isTrue();

        post(event("note.added", "ld_race_1", "\"note\":{\"id\":\"nt_race_1\",\"content\":\"note of ld_race_1\"}"));
        await("every batch written", Duration.ofSeconds(60), () -> REPOSITORY.paused.get() && settled());

        String contactId = link(EntityType.CONTACT, "ld_race_1").orElseThrow().ghlId();
        assertThat(ghl("/contacts/" + contactId + "/notes").get("notes")).as("notes of the lead's contact").hasSize(1);
        assertThat(deadLetters()).as("dead letters").isZero();
    }

    private long deadLetters() {
        return count("SELECT COUNT(*) FROM dead_letter");
    }

    /** The lead aggregator's repository (as DurableAggregations makes it) whose first removal waits for an add. */
    static final class PausedCompletion extends JdbcAggregationRepository {
        final CountDownLatch removing = new CountDownLatch(1);
        final CountDownLatch nextAdded = new CountDownLatch(1);
        final AtomicBoolean paused = new AtomicBoolean();

        void on(StateDatabase database) {
            setTransactionManager(new DataSourceTransactionManager(database.dataSource()));
            setDataSource(database.dataSource());
            setRepositoryName("cliengo_lead_events");
            setUseRecovery(true);
            setRecoveryInterval(1000);
            setMaximumRedeliveries(5);
            setDeadLetterUri("direct:dead-letter");
            setAllowSerializedHeaders(false);
        }

        @Override
        public void remove(CamelContext camelContext, String key, Exchange exchange) {
            if (paused.compareAndSet(false, true)) {
                removing.countDown();
                try {
                    // where the aggregator holds its lock, the add cannot happen now and this wait just runs out
                    nextAdded.await(3, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            super.remove(camelContext, key, exchange);
        }

        @Override
        public Exchange add(CamelContext camelContext, String key, Exchange exchange) {
            Exchange answer = super.add(camelContext, key, exchange);
            added();
            return answer;
        }

        @Override
        public Exchange add(CamelContext camelContext, String key, Exchange oldExchange, Exchange newExchange)
                throws OptimisticLockingException {
            Exchange answer = super.add(camelContext, key, oldExchange, newExchange);
            added();
            return answer;
        }

        private void added() {
            if (removing.getCount() == 0) {
                nextAdded.countDown();
            }
        }
    }
}
