package io.ghlsync.state;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * Which dead letters an operator means; every null (or empty) criterion matches all. {@code errorClass} matches the
 * full class name or its simple name, so {@code MappingException} finds {@code io.ghlsync.mapping.MappingException}.
 * {@code createdAfter} is inclusive, {@code createdBefore} exclusive.
 */
public record DeadLetterFilter(String routeId, String sourceSystem, Set<DeadLetterStatus> statuses, String errorClass,
                               Integer httpStatus, Instant createdAfter, Instant createdBefore) {

    /** Letters still waiting for an operator: what the admin list shows by default. */
    public static final Set<DeadLetterStatus> OPEN = Set.copyOf(EnumSet.of(DeadLetterStatus.PENDING, DeadLetterStatus.REPLAYING));

    public DeadLetterFilter {
        statuses = statuses == null || statuses.isEmpty() ? Set.of() : Set.copyOf(statuses);
    }

    /** Every letter, whatever its status. */
    public static DeadLetterFilter all() {
        return new DeadLetterFilter(null, null, Set.of(), null, null, null, null);
    }

    public DeadLetterFilter withStatuses(Set<DeadLetterStatus> only) {
        return new DeadLetterFilter(routeId, sourceSystem, only, errorClass, httpStatus, createdAfter, createdBefore);
    }

    public DeadLetterFilter withRoute(String route) {
        return new DeadLetterFilter(route, sourceSystem, statuses, errorClass, httpStatus, createdAfter, createdBefore);
    }

    public DeadLetterFilter withSourceSystem(String source) {
        return new DeadLetterFilter(routeId, source, statuses, errorClass, httpStatus, createdAfter, createdBefore);
    }

    public DeadLetterFilter withErrorClass(String error) {
        return new DeadLetterFilter(routeId, sourceSystem, statuses, error, httpStatus, createdAfter, createdBefore);
    }

    public DeadLetterFilter withHttpStatus(Integer status) {
        return new DeadLetterFilter(routeId, sourceSystem, statuses, errorClass, status, createdAfter, createdBefore);
    }

    public DeadLetterFilter withCreated(Instant after, Instant before) {
        return new DeadLetterFilter(routeId, sourceSystem, statuses, errorClass, httpStatus, after, before);
    }
}
