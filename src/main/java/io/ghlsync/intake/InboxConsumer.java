package io.ghlsync.intake;

import io.ghlsync.state.Inbox;
import io.ghlsync.state.InboxItem;
import io.ghlsync.state.InboxWatermark;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.support.ScheduledPollConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Feeds one source's inbox to its route. Camel's scheduled poll consumer gives the polling (delay, initial delay,
 * greedy re-poll, error logging); written here is only what Camel has no EIP for: claiming leased items in order per
 * ordering key, renewing those leases, and settling each item by its exchange's outcome — done only after the route
 * succeeded, back to pending with a backoff when it failed (or after the delay the route set in
 * {@link InboxConstants#RETRY_DELAY}), failed when the error handler took the failure.
 */
public class InboxConsumer extends ScheduledPollConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(InboxConsumer.class);

    private final InboxEndpoint endpoint;
    private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();
    private Inbox inbox;
    private Semaphore slots;
    private ExecutorService workers;
    private long lastRenewal;

    InboxConsumer(InboxEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
        setDelay(endpoint.getPollDelay().toMillis());
        setInitialDelay(endpoint.getInitialDelay().toMillis());
        // a full claim means there may be more: claim again at once instead of waiting a poll delay
        setGreedy(true);
    }

    @Override
    protected void doStart() throws Exception {
        inbox = endpoint.getComponent().getInbox();
        slots = new Semaphore(endpoint.getConcurrency());
        workers = getEndpoint().getCamelContext().getExecutorServiceManager()
                .newFixedThreadPool(this, "inbox-" + endpoint.getSource(), endpoint.getConcurrency());
        super.doStart();
    }

    @Override
    protected void doStop() throws Exception {
        super.doStop(); // no more claims
        // items being processed finish (Camel's shutdown strategy waits for in-flight exchanges); none are queued,
        // because a poll claims only as many items as there are free workers
        getEndpoint().getCamelContext().getExecutorServiceManager().shutdownGraceful(workers);
    }

    @Override
    protected int poll() throws Exception {
        renewLeases();
        if (!awaitFreeWorker()) {
            return 0;
        }
        int limit = Math.min(endpoint.getBatchSize(), slots.availablePermits());
        InboxWatermark watermark = endpoint.getWatermark();
        List<InboxItem> items = inbox.claim(endpoint.getSource(), limit, endpoint.getLease(),
                watermark == null ? () -> Long.MAX_VALUE : watermark::releasedBelow);
        for (InboxItem item : items) {
            slots.acquireUninterruptibly(); // never waits: only this thread takes permits, and it counted them
            inFlight.add(item.id());
            workers.execute(() -> process(item));
        }
        return items.size();
    }

    /**
     * With every worker busy, waits (at most a poll delay) for one to finish, so its next item is claimed at once. Had
     * the poll returned instead, each item after a full pool would wait a whole poll delay: with one worker (the
     * one-at-a-time release of new contacts) that delay, not the work, set the pace (25 ms a lead, 40 leads/s at most).
     */
    private boolean awaitFreeWorker() throws InterruptedException {
        if (slots.availablePermits() > 0) {
            return true;
        }
        if (!slots.tryAcquire(endpoint.getPollDelay().toMillis(), TimeUnit.MILLISECONDS)) {
            return false;
        }
        slots.release(); // only counted: poll() takes the permits for what it claims
        return true;
    }

    /** A third of a lease apart, so a lease never runs out under an item that is still being processed. */
    private void renewLeases() {
        long now = System.nanoTime();
        if (inFlight.isEmpty() || now - lastRenewal < endpoint.getLease().toNanos() / 3) {
            return;
        }
        lastRenewal = now;
        inbox.extendLeases(new ArrayList<>(inFlight), endpoint.getLease());
    }

    private void process(InboxItem item) {
        Exchange exchange = createExchange(false);
        try {
            fill(exchange, item);
            getProcessor().process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        }
        try {
            settle(item, exchange);
        } catch (RuntimeException e) {
            // the database is unreachable: the item stays leased, its lease runs out, and it is processed again
            LOG.warn("inbox item {} of {} could not be settled and will be processed again after its lease: {}",
                    item.id(), item.source(), e.getMessage());
        } finally {
            inFlight.remove(item.id());
            slots.release();
            releaseExchange(exchange, false);
        }
    }

    private static void fill(Exchange exchange, InboxItem item) {
        Message message = exchange.getMessage();
        item.headers().forEach(message::setHeader);
        message.setHeader(InboxConstants.ID, item.id());
        message.setHeader(InboxConstants.SOURCE, item.source());
        message.setHeader(InboxConstants.EVENT_ID, item.eventId());
        message.setHeader(InboxConstants.EVENT_TYPE, item.eventType());
        message.setHeader(InboxConstants.ORDERING_KEY, item.orderingKey());
        message.setHeader(InboxConstants.ATTEMPT, item.attempts());
        // also as a property: routes may drop headers before a call, the settlement still needs to know the item
        exchange.setProperty(InboxConstants.ID, item.id());
        message.setBody(item.payload());
    }

    private void settle(InboxItem item, Exchange exchange) {
        Throwable failure = exchange.getException();
        if (failure == null && !exchange.isRollbackOnly()) {
            Throwable handled = exchange.getProperty(ExchangePropertyKey.EXCEPTION_CAUGHT, Throwable.class);
            if (handled != null && exchange.getExchangeExtension().isFailureHandled()) {
                // the route's dead-letter channel kept the failure: the inbox is done with it, and its key moves on
                inbox.fail(item.id(), "handed to the dead letters: " + describe(handled));
            } else {
                inbox.complete(item.id());
            }
            return;
        }
        String reason = failure == null ? "the route marked the exchange rollback-only" : describe(failure);
        Long wait = exchange.getProperty(InboxConstants.RETRY_DELAY, Long.class);
        if (wait != null && wait > 0) {
            // the route said when to look again; its failure is a wait (already alerted once), not a new error
            LOG.debug("inbox item {} of {} waits {} ms: {}", item.id(), item.source(), wait, reason);
            inbox.retryLater(item.id(), Duration.ofMillis(wait), "waiting: " + reason);
            return;
        }
        if (endpoint.getMaxAttempts() > 0 && item.attempts() >= endpoint.getMaxAttempts()) {
            LOG.warn("inbox item {} of {} failed {} times and is given up: {}", item.id(), item.source(), item.attempts(), reason);
            inbox.fail(item.id(), "gave up after " + item.attempts() + " attempts: " + reason);
            return;
        }
        Duration delay = backoff(item.attempts());
        LOG.warn("inbox item {} of {} failed (attempt {}), next attempt in {}: {}", item.id(), item.source(),
                item.attempts(), delay, reason);
        inbox.retryLater(item.id(), delay, reason);
    }

    private Duration backoff(int attempts) {
        long base = endpoint.getRetryDelay().toMillis();
        long max = endpoint.getMaxRetryDelay().toMillis();
        long delay = base << Math.min(Math.max(attempts - 1, 0), 30);
        return Duration.ofMillis(delay <= 0 || delay > max ? max : delay);
    }

    /** The class and message of a failure, never the message body (it carries contact data). */
    private static String describe(Throwable failure) {
        String message = failure.getMessage();
        return failure.getClass().getName() + (message == null ? "" : ": " + message);
    }
}
