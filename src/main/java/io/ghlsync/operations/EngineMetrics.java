package io.ghlsync.operations;

import io.ghlsync.ghl.GhlComponent;
import io.ghlsync.ghl.GhlLocation;
import io.ghlsync.ghl.ratelimit.RateBudget;
import io.ghlsync.state.DeadLetterFilter;
import io.ghlsync.state.DeadLetters;
import io.ghlsync.state.Inbox;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ghl-sync's own figures beside Camel's route metrics at /observe/metrics: each GHL location's rate budget, the inbox
 * backlog and the open dead letters. All are read when Prometheus scrapes, so nothing is counted twice.
 */
public class EngineMetrics extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(EngineMetrics.class);

    private final CamelContext camel;
    private final Inbox inbox;
    private final DeadLetters deadLetters;

    public EngineMetrics(CamelContext camel, Inbox inbox, DeadLetters deadLetters) {
        this.camel = camel;
        this.inbox = inbox;
        this.deadLetters = deadLetters;
    }

    @Override
    protected void doStart() {
        MeterRegistry meters = camel.getRegistry().findSingleByType(MeterRegistry.class);
        if (meters == null) {
            LOG.info("no metrics registry (camel.metrics.enabled=false): ghl-sync's own metrics are off");
            return;
        }
        for (GhlLocation location : camel.getComponent("ghl", GhlComponent.class).getLocations().values()) {
            RateBudget budget = location.budget();
            String id = location.locationId();
            Gauge.builder("ghl.rate.budget.daily.remaining", budget, RateBudget::dailyRemaining).tag("location", id)
                    .description("requests left in the location's daily GHL quota").register(meters);
            Gauge.builder("ghl.rate.budget.waiting", budget, RateBudget::waiting).tag("location", id)
                    .description("calls waiting for the location's rate budget").register(meters);
            FunctionCounter.builder("ghl.requests", budget, RateBudget::requestsSent).tag("location", id)
                    .description("requests sent to GHL").register(meters);
            FunctionCounter.builder("ghl.rate.limited", budget, RateBudget::rateLimitedAnswers).tag("location", id)
                    .description("HTTP 429 answers from GHL").register(meters);
        }
        Gauge.builder("ghlsync.inbox.backlog", inbox, i -> i.backlog().values().stream().mapToLong(Long::longValue).sum())
                .description("accepted events not yet processed").register(meters);
        Gauge.builder("ghlsync.dead.letters.open", deadLetters,
                        d -> d.count(DeadLetterFilter.all().withStatuses(DeadLetterFilter.OPEN)))
                .description("dead letters waiting for an operator").register(meters);
    }
}
