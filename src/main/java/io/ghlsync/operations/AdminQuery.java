package io.ghlsync.operations;

import io.ghlsync.state.DeadLetterFilter;
import io.ghlsync.state.DeadLetterStatus;
import org.apache.camel.Exchange;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One admin request's query string, read strictly: an unknown or repeated parameter, or a value of the wrong shape,
 * is a 400 naming the parameter, never silently ignored (a typo in {@code rotue=} must not mean "all letters").
 * Parameters are read from the raw query, not from message headers, where HTTP headers would pass for them.
 */
final class AdminQuery {

    static final Set<String> FILTERS = Set.of("route", "source", "errorClass", "httpStatus", "createdAfter", "createdBefore");
    static final int MAX_LIMIT = 500;

    private final Map<String, String> values;

    private AdminQuery(Map<String, String> values) {
        this.values = values;
    }

    static AdminQuery of(Exchange exchange, Set<String> allowed) {
        String raw = exchange.getMessage().getHeader(Exchange.HTTP_RAW_QUERY, String.class);
        if (raw == null) {
            raw = exchange.getMessage().getHeader(Exchange.HTTP_QUERY, String.class);
        }
        Map<String, String> values = new LinkedHashMap<>();
        if (raw != null && !raw.isEmpty()) {
            for (String pair : raw.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                if (!allowed.contains(name)) {
                    throw AdminRequestException.badRequest(name, "unknown parameter '" + name + "'"
                            + (allowed.isEmpty() ? ": this call takes none" : "; known: " + String.join(", ", new TreeSet<>(allowed))));
                }
                if (values.put(name, value.strip()) != null) {
                    throw AdminRequestException.badRequest(name, "parameter '" + name + "' is given twice");
                }
            }
        }
        return new AdminQuery(values);
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw AdminRequestException.badRequest(null, "the query string is not URL-encoded properly");
        }
    }

    boolean isEmpty() {
        return values.isEmpty();
    }

    /** The filter the parameters describe; {@code statuses} when no {@code status} parameter is given. */
    DeadLetterFilter filter(Set<DeadLetterStatus> statuses) {
        Integer http = values.containsKey("httpStatus") ? whole("httpStatus", 100, 599) : null;
        return new DeadLetterFilter(text("route"), text("source"), statuses(statuses), text("errorClass"), http,
                instant("createdAfter"), instant("createdBefore"));
    }

    int limit(int fallback) {
        return values.containsKey("limit") ? whole("limit", 1, MAX_LIMIT) : fallback;
    }

    int offset() {
        return values.containsKey("offset") ? whole("offset", 0, Integer.MAX_VALUE) : 0;
    }

    /** {@code all=true}; any other value of {@code all} is refused rather than read as false. */
    boolean all() {
        String value = values.get("all");
        if (value == null) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw AdminRequestException.badRequest("all", "all must be 'true' when given, not '" + value + "'");
    }

    /** True when at least one filter parameter is given. */
    boolean hasFilter() {
        return values.keySet().stream().anyMatch(FILTERS::contains);
    }

    /** A parameter's value, or null when absent; given but empty is a 400. */
    String text(String name) {
        String value = values.get(name);
        if (value != null && value.isEmpty()) {
            throw AdminRequestException.badRequest(name, name + " must not be empty");
        }
        return value;
    }

    private Set<DeadLetterStatus> statuses(Set<DeadLetterStatus> fallback) {
        String value = values.get("status");
        if (value == null) {
            return fallback;
        }
        if (value.equalsIgnoreCase("all")) {
            return Set.of();
        }
        Set<DeadLetterStatus> statuses = EnumSet.noneOf(DeadLetterStatus.class);
        for (String part : value.split(",")) {
            DeadLetterStatus status = DeadLetterStatus.parse(part);
            if (status == null) {
                throw AdminRequestException.badRequest("status", "unknown status '" + part.strip()
                        + "'; known: PENDING, REPLAYING, REPLAYED, DISCARDED, ALL (comma-separate several)");
            }
            statuses.add(status);
        }
        return statuses;
    }

    private int whole(String name, int min, int max) {
        String value = values.get(name);
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw AdminRequestException.badRequest(name, name + " must be a whole number from " + min
                + (max == Integer.MAX_VALUE ? " up" : " to " + max) + ", not '" + value + "'");
    }

    private Instant instant(String name) {
        String value = values.get(name);
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw AdminRequestException.badRequest(name, name + " must be an ISO-8601 instant such as"
                    + " 2025-03-01T10:00:00Z, not '" + value + "'");
        }
    }

    /** The {@code {id}} path parameter, checked: a positive whole number. */
    static long id(Exchange exchange) {
        String value = exchange.getMessage().getHeader("id", String.class);
        try {
            long id = Long.parseLong(value);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw AdminRequestException.badRequest("id", "a dead letter id is a positive whole number, not '" + value + "'");
    }
}
