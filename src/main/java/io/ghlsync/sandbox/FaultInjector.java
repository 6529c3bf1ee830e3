package io.ghlsync.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Injects the faults of a {@link FaultPlan} into one sandbox's API (GHL, Cliengo, Clientjoy each have their own), as
 * the first handler of its requests, and counts every fault it injects. Deterministic when seeded: request n of a
 * plan (counted from when it was applied) draws from a generator seeded with (seed, n), so the same seed and the same
 * sequence of requests give the same faults; concurrent requests take their n in arrival order.
 */
public final class FaultInjector {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Spreads consecutive request numbers over the generator's seed space (the golden-ratio increment of SplitMix). */
    private static final long SPREAD = 0x9E3779B97F4A7C15L;

    /** The plan in force, its effective seed and when its outage ends. */
    private record Active(FaultPlan plan, long seed, long outageEndsNanos, int outageStatus) {
    }

    private final String name;
    private final FaultTarget target;
    private final AtomicLong sequence = new AtomicLong();
    private final LongAdder requests = new LongAdder();
    private final Map<FaultKind, LongAdder> injected = new EnumMap<>(FaultKind.class);
    private volatile Active active;

    public FaultInjector(String name, FaultTarget target) {
        this.name = name;
        this.target = target;
        for (FaultKind kind : FaultKind.values()) {
            injected.put(kind, new LongAdder());
        }
        clear();
    }

    /** Puts a plan in force (its outage, if any, starts now); request numbering starts again from 0. */
    public void apply(FaultPlan plan) {
        if ((plan.rate(FaultKind.TOKEN_EXPIRED) > 0 || plan.rate(FaultKind.TOKEN_REVOKED) > 0) && !target.hasExpiringCredentials()) {
            throw new IllegalArgumentException("the " + name + " sandbox has no tokens that expire or can be revoked");
        }
        long seed = plan.seed() != null ? plan.seed() : ThreadLocalRandom.current().nextLong();
        sequence.set(0);
        active = new Active(plan, seed, System.nanoTime() + Duration.ofMillis(plan.outageMillis()).toNanos(), plan.outageStatus());
    }

    /** Starts a full outage of this length now, keeping the plan's rates. */
    public void outage(Duration length, int status) {
        if (status < 500 || status > 599) {
            throw new IllegalArgumentException("the outage status must be 5xx, not " + status);
        }
        if (length.isNegative() || length.isZero()) {
            throw new IllegalArgumentException("an outage lasts a positive time");
        }
        Active current = active;
        active = new Active(current.plan(), current.seed(), System.nanoTime() + length.toNanos(), status);
    }

    /** No faults from now on (the counts stay). */
    public void clear() {
        active = new Active(FaultPlan.NONE, 0, System.nanoTime(), FaultPlan.NONE.outageStatus());
    }

    public FaultPlan plan() {
        return active.plan();
    }

    /** How many faults of this kind were injected since the start (or the last {@link #resetCounts()}). */
    public long injected(FaultKind kind) {
        return injected.get(kind).sum();
    }

    /** Requests that passed the injector, faulted or not. */
    public long requests() {
        return requests.sum();
    }

    public void resetCounts() {
        requests.reset();
        injected.values().forEach(LongAdder::reset);
    }

    /** The plan, its seed, the outage left, and the counts: what {@code GET /_sandbox/<name>/faults} answers. */
    public ObjectNode toJson() {
        Active current = active;
        ObjectNode out = JSON.createObjectNode();
        out.set("plan", current.plan().toJson(JSON));
        out.put("seed", current.seed());
        out.put("outageRemainingMillis", Math.max(0, Duration.ofNanos(current.outageEndsNanos() - System.nanoTime()).toMillis()));
        out.put("outageStatus", current.outageStatus());
        out.put("requests", requests());
        ObjectNode counts = out.putObject("injected");
        long total = 0;
        for (FaultKind kind : FaultKind.values()) {
            counts.put(kind.key(), injected(kind));
            total += kind == FaultKind.LATENCY ? 0 : injected(kind);
        }
        out.put("faults", total);
        return out;
    }

    /** The Vert.x handler in front of the sandbox's API: a fault answers (or drops) the request, else it goes on. */
    void handle(RoutingContext ctx) {
        requests.increment();
        Active current = active;
        if (System.nanoTime() - current.outageEndsNanos() < 0) {
            count(FaultKind.OUTAGE);
            JsonReplies.error(ctx, current.outageStatus(), "Service unavailable (sandbox outage)");
            return;
        }
        FaultPlan plan = current.plan();
        if (plan == FaultPlan.NONE) {
            ctx.next();
            return;
        }
        SplittableRandom draw = new SplittableRandom(current.seed() + SPREAD * sequence.getAndIncrement());
        FaultKind fault = plan.pick(draw.nextDouble());
        long delay = plan.latencyMillis() + (plan.latencyJitterMillis() > 0 ? draw.nextLong(plan.latencyJitterMillis() + 1) : 0);
        int status = plan.serverErrorStatuses().get(draw.nextInt(plan.serverErrorStatuses().size()));
        if (delay <= 0) {
            inject(ctx, fault, status, plan);
            return;
        }
        count(FaultKind.LATENCY);
        // the body must wait for the handlers after this one: the router reads it only once they run
        HttpServerRequest request = ctx.request();
        request.pause();
        ctx.vertx().setTimer(delay, id -> {
            request.resume();
            inject(ctx, fault, status, plan);
        });
    }

    private void inject(RoutingContext ctx, FaultKind fault, int status, FaultPlan plan) {
        if (fault == null) {
            ctx.next();
            return;
        }
        if (fault != FaultKind.TOKEN_EXPIRED && fault != FaultKind.TOKEN_REVOKED) {
            // counted before the answer goes out, so whoever sees the fault finds it in the counts
            count(fault);
        }
        switch (fault) {
            case RATE_LIMITED -> {
                target.rateLimitHeaders(ctx);
                JsonReplies.error(ctx, 429, "Too Many Requests");
            }
            case SERVER_ERROR -> JsonReplies.error(ctx, status, "Injected server error");
            case TIMEOUT -> ctx.vertx().setTimer(plan.hangMillis(), id -> ctx.request().connection().close());
            case CONNECTION_RESET -> ctx.request().connection().close();
            case MALFORMED -> ctx.response().setStatusCode(200).putHeader("Content-Type", "application/json")
                    .end("{\"injected\": \"malformed\", \"contact\": {\"id\": ");
            case LOST_ANSWER -> {
                // the API handles the request; the connection is cut just as its answer would go out
                ctx.addHeadersEndHandler(v -> ctx.request().connection().close());
                ctx.next();
            }
            case TOKEN_EXPIRED, TOKEN_REVOKED -> {
                // the API itself then refuses the credential, as the real service would; with nothing to expire (a
                // private token never expires) there is no fault and the request simply goes on
                if (fault == FaultKind.TOKEN_EXPIRED ? target.expireCredential(ctx) : target.revokeCredential(ctx)) {
                    count(fault);
                }
                ctx.next();
                return;
            }
            default -> throw new IllegalStateException("not a rated fault: " + fault);
        }
    }

    private void count(FaultKind kind) {
        injected.get(kind).increment();
    }
}
