package io.ghlsync.ghl.ratelimit;

import io.ghlsync.ghl.RateLimitHeaders;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One GHL location's request budget: the burst window (100 per 10 s) and the daily quota (200,000), learned from
 * the {@code X-RateLimit-*} headers GHL sends. Callers wait for a permit instead of provoking 429s.
 *
 * <p>Written by hand because Camel's Throttle EIP and the usual limiters count requests when they start; GHL counts
 * them when they arrive, so a request counts against the window from the moment it is sent until {@code interval}
 * after its answer came back. That keeps us under a sliding window on the server whatever the network delay.
 * Until the first answer has taught us the location's real limits, only one request is in flight.
 *
 * <p>The daily quota follows {@code X-RateLimit-Daily-Remaining}: at 0 the location waits (no request is sent to be
 * refused) until the day resets. GHL's contract does not say when its day starts; this budget assumes midnight UTC by
 * its clock (the GHL sandbox's default too), then sends one request to learn from its headers whether the quota is back.
 * If GHL still says 0 (its day starts later than assumed), it waits {@link #DAILY_PROBE_INTERVAL} before asking again:
 * at most one 429 per probe, never a burst of them.
 */
public final class RateBudget {

    /** How long to wait after a probe found the daily quota still spent before the next probe. */
    static final Duration DAILY_PROBE_INTERVAL = Duration.ofMinutes(15);
    /** A daily wait re-reads the clock this often, so a clock that moves (the sandbox's) is noticed at once. */
    private static final long DAILY_RECHECK_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final String locationId;
    private final ScheduledExecutorService timer;
    private final Clock clock;

    private final ArrayDeque<Long> answeredAt = new ArrayDeque<>();
    private final ArrayDeque<CompletableFuture<Permit>> liveWaiters = new ArrayDeque<>();
    private final ArrayDeque<CompletableFuture<Permit>> backfillWaiters = new ArrayDeque<>();

    private int burstMax;
    private long intervalNanos;
    private final int configuredBurstMax;
    private long dailyLimit;
    private long dailyRemaining;
    private Instant dailyResetAt;
    private boolean learned;
    /** The assumed daily reset has passed: one request in flight until an answer says whether the quota is back. */
    private boolean probingDaily;
    private int inFlight;
    private long pausedUntil;
    /** Requests in the server's window that are not ours (other apps or nodes), until {@link #othersUntil}. */
    private int othersInWindow;
    private long othersUntil;
    private ScheduledFuture<?> wakeUp;

    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong rateLimited = new AtomicLong();

    public RateBudget(String locationId, int burstMax, Duration interval, long dailyLimit, ScheduledExecutorService timer, Clock clock) {
        this.locationId = locationId;
        this.burstMax = burstMax;
        this.configuredBurstMax = burstMax;
        this.intervalNanos = interval.toNanos();
        this.dailyLimit = dailyLimit;
        this.dailyRemaining = dailyLimit;
        this.timer = timer;
        this.clock = clock;
        this.dailyResetAt = nextUtcMidnight(clock.instant());
    }

    /** A permit to send one request now; completes at once when the budget allows, later otherwise. */
    public CompletableFuture<Permit> acquire(Priority priority) {
        CompletableFuture<Permit> waiter = new CompletableFuture<>();
        List<Runnable> grants;
        synchronized (this) {
            (priority == Priority.LIVE ? liveWaiters : backfillWaiters).add(waiter);
            grants = grantWhatIsAvailable();
        }
        grants.forEach(Runnable::run);
        return waiter;
    }

    /** Gives the permit back with what the answer said; {@code status} is 0 when no answer came. */
    public void release(Permit permit, int status, RateLimitHeaders headers, Duration retryAfter) {
        if (!permit.released.compareAndSet(false, true)) {
            return;
        }
        List<Runnable> grants;
        synchronized (this) {
            long now = System.nanoTime();
            inFlight--;
            answeredAt.add(now);
            if (status > 0) {
                learned = true; // an answer without headers means the configured limits are all we will know
                learnFrom(headers, now);
            }
            if (status == 429) {
                rateLimited.incrementAndGet();
                long wait = retryAfter != null ? retryAfter.toNanos() : intervalNanos;
                pausedUntil = Math.max(pausedUntil, now + wait);
            }
            grants = grantWhatIsAvailable();
        }
        grants.forEach(Runnable::run);
    }

    private void learnFrom(RateLimitHeaders headers, long now) {
        if (!headers.present()) {
            return;
        }
        if (headers.burstMax() > 0) {
            // A lower configured limit wins: operators may keep headroom for other integrations.
            burstMax = (int) Math.min(headers.burstMax(), configuredBurstMax);
        }
        if (headers.intervalMillis() > 0) {
            intervalNanos = TimeUnit.MILLISECONDS.toNanos(headers.intervalMillis());
        }
        if (headers.dailyLimit() > 0) {
            dailyLimit = headers.dailyLimit();
        }
        if (headers.dailyRemaining() >= 0) {
            dailyRemaining = Math.max(0, headers.dailyRemaining() - inFlight);
            Instant wallNow = clock.instant();
            if (dailyRemaining > 0) {
                dailyResetAt = nextUtcMidnight(wallNow); // the end of the day this answer belongs to
            } else if (probingDaily) {
                dailyResetAt = wallNow.plus(DAILY_PROBE_INTERVAL); // GHL's day has not started yet: ask again later, once
            } else if (!dailyResetAt.isAfter(wallNow)) {
                dailyResetAt = nextUtcMidnight(wallNow);
            }
            probingDaily = false;
        }
        if (headers.burstRemaining() >= 0 && headers.burstMax() > 0) {
            evictOld(now);
            int serverUsed = (int) (headers.burstMax() - headers.burstRemaining());
            int others = serverUsed - answeredAt.size();
            if (others > 0) {
                othersInWindow = others;
                othersUntil = now + intervalNanos;
            }
        }
    }

    /** Hands out permits while the budget allows, live first; returns the completions to run outside the lock. */
    private List<Runnable> grantWhatIsAvailable() {
        List<Runnable> grants = new ArrayList<>();
        long now = System.nanoTime();
        while (!liveWaiters.isEmpty() || !backfillWaiters.isEmpty()) {
            long blockedFor = blockedFor(now);
            if (blockedFor != 0) {
                if (blockedFor > 0) {
                    scheduleWakeUp(blockedFor);
                }
                break;
            }
            CompletableFuture<Permit> waiter = !liveWaiters.isEmpty() ? liveWaiters.poll() : backfillWaiters.poll();
            if (waiter.isDone()) {
                continue; // cancelled by its caller
            }
            inFlight++;
            dailyRemaining--;
            sent.incrementAndGet();
            Permit permit = new Permit(this);
            grants.add(() -> {
                if (!waiter.complete(permit)) {
                    release(permit, 0, RateLimitHeaders.NONE, null);
                }
            });
        }
        return grants;
    }

    /** 0 when a request may go now; nanos to wait when time will free a permit; -1 when only an answer will. */
    private long blockedFor(long now) {
        if (now < pausedUntil) {
            return pausedUntil - now;
        }
        if (dailyRemaining <= 0 && !probingDaily) {
            Instant wallNow = clock.instant();
            if (wallNow.isBefore(dailyResetAt)) {
                return Math.min(DAILY_RECHECK_NANOS, Math.max(1, Duration.between(wallNow, dailyResetAt).toNanos()));
            }
            dailyResetAt = nextUtcMidnight(wallNow);
            dailyRemaining = dailyLimit;
            probingDaily = true;
        }
        if (!learned || probingDaily) {
            return inFlight == 0 ? 0 : -1;
        }
        evictOld(now);
        int others = now < othersUntil ? othersInWindow : 0;
        if (answeredAt.size() + inFlight + others < burstMax) {
            return 0;
        }
        long next = Long.MAX_VALUE;
        if (!answeredAt.isEmpty()) {
            next = answeredAt.peekFirst() + intervalNanos - now;
        }
        if (others > 0) {
            next = Math.min(next, othersUntil - now);
        }
        return next == Long.MAX_VALUE ? -1 : Math.max(1, next);
    }

    private void evictOld(long now) {
        while (!answeredAt.isEmpty() && answeredAt.peekFirst() + intervalNanos <= now) {
            answeredAt.pollFirst();
        }
    }

    private void scheduleWakeUp(long nanos) {
        if (wakeUp != null && !wakeUp.isDone() && wakeUp.getDelay(TimeUnit.NANOSECONDS) <= nanos) {
            return;
        }
        if (wakeUp != null) {
            wakeUp.cancel(false);
        }
        wakeUp = timer.schedule(() -> {
            List<Runnable> grants;
            synchronized (this) {
                wakeUp = null;
                grants = grantWhatIsAvailable();
            }
            grants.forEach(Runnable::run);
        }, nanos, TimeUnit.NANOSECONDS);
    }

    private static Instant nextUtcMidnight(Instant now) {
        return LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    public String locationId() {
        return locationId;
    }

    public synchronized int burstMax() {
        return burstMax;
    }

    public synchronized long dailyRemaining() {
        return dailyRemaining;
    }

    /** True while the daily quota is spent and calls wait for the day to reset. */
    public synchronized boolean dailyQuotaSpent() {
        return dailyRemaining <= 0 && !probingDaily;
    }

    public synchronized int waiting() {
        return liveWaiters.size() + backfillWaiters.size();
    }

    public long requestsSent() {
        return sent.get();
    }

    public long rateLimitedAnswers() {
        return rateLimited.get();
    }

    /** The right to send one request; give it back exactly once with {@link RateBudget#release}. */
    public static final class Permit {
        private final RateBudget budget;
        private final AtomicBoolean released = new AtomicBoolean();

        private Permit(RateBudget budget) {
            this.budget = budget;
        }

        public RateBudget budget() {
            return budget;
        }
    }
}
