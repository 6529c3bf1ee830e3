package io.ghlsync.operations;

import io.ghlsync.state.DeadLetterFilter;
import io.ghlsync.state.DeadLetters;
import org.apache.camel.health.HealthCheckResultBuilder;

import java.util.Map;

/**
 * Readiness: fewer open dead letters than {@code ghlsync.health.dead-letter-threshold}. Past it something is
 * systematically wrong (a broken mapping, revoked scopes) and the operator should look before more piles up.
 */
final class DeadLetterReadiness extends ReadinessCheck {

    private final DeadLetters deadLetters;
    private final long threshold;

    DeadLetterReadiness(DeadLetters deadLetters, long threshold) {
        super("dead-letters");
        this.deadLetters = deadLetters;
        this.threshold = threshold;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        long open;
        try {
            open = deadLetters.count(DeadLetterFilter.all().withStatuses(DeadLetterFilter.OPEN));
        } catch (RuntimeException e) {
            builder.message("cannot count the dead letters: " + e.getClass().getSimpleName()).down();
            return;
        }
        builder.detail("open", open).detail("threshold", threshold);
        if (open < threshold) {
            builder.up();
        } else {
            builder.message(open + " open dead letters (threshold " + threshold + "): see /admin/dead-letters").down();
        }
    }
}
