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

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * ghl-sync's own figures beside Camel's route metrics at /observe/metrics: each GHL location's rate budget, the inbox
 * backlog, the sync lag per source and the open dead letters. All are read when Prometheus scrapes, so nothing is counted twice.
 */
public class EngineMetrics extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(EngineMetrics.class);

    /** The sources whose events go through the inbox (BRIEF §3); others found in the inbox at start are added. */
    private static final List<String> SOURCES = List.of("cliengo", "clientjoy", "ghl");

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
            Gauge.builder("ghl.location.paused", location.credentials(), c -> c.paused() ? 1 : 0).tag("location", id)
                    .description("1 while the location is paused (GHL refused its refresh token; records wait)").register(meters);
        }
        Gauge.builder("ghlsync.inbox.backlog", inbox, i -> i.backlog().values().stream().mapToLong(Long::longValue).sum())
                .description("accepted events not yet processed").register(meters);
        Set<String> sources = new TreeSet<>(SOURCES);
        sources.addAll(inbox.backlog().keySet());
        for (String source : sources) {
            Gauge.builder("ghlsync.sync.lag.seconds", this, m -> m.lagSeconds(source)).tag("source", source)
                    .description("age of the oldest event of this source not yet processed").register(meters);
        }
        Gauge.builder("ghlsync.dead.letters.open", deadLetters,
                        d -> d.count(DeadLetterFilter.all().withStatuses(DeadLetterFilter.OPEN)))
                .description("dead letters waiting for an operator").register(meters);
    }

    /** Sync lag of one source: how long its oldest unfinished event has waited (0 when none waits). */
    private double lagSeconds(String source) {
        Instant since = inbox.oldestUnfinished().get(source);
        return since == null ? 0 : Math.max(0, Duration.between(since, Instant.now()).toMillis() / 1000.0);
    }
}
