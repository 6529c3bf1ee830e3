package io.ghlsync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What faults a sandbox injects: a rate per rated {@link FaultKind} (together at most 1: one draw per request picks at
 * most one), the 5xx statuses a server error picks from, added latency, how long a timeout holds the connection, an
 * outage of a given length starting when the plan is applied, and the seed that makes it all repeatable. Read from a
 * spec string ({@code serverError=0.2,rateLimited=0.1,seed=42}: the command line and properties) or a JSON object of
 * the same names (the control API); bad input is an IllegalArgumentException naming the key.
 */
public record FaultPlan(Map<FaultKind, Double> rates, List<Integer> serverErrorStatuses, long latencyMillis,
        long latencyJitterMillis, long hangMillis, long outageMillis, int outageStatus, Long seed) {

    /** No faults. */
    public static final FaultPlan NONE = new FaultPlan(Map.of(), List.of(500, 502, 503), 0, 0, 120_000, 0, 503, null);

    public FaultPlan {
        rates = Collections.unmodifiableMap(rates.isEmpty() ? new EnumMap<>(FaultKind.class) : new EnumMap<>(rates));
        serverErrorStatuses = List.copyOf(serverErrorStatuses);
        double sum = 0;
        for (Map.Entry<FaultKind, Double> rate : rates.entrySet()) {
            if (!(rate.getValue() >= 0 && rate.getValue() <= 1)) {
                throw new IllegalArgumentException(rate.getKey().key() + " must be a rate between 0 and 1, not " + rate.getValue());
            }
            sum += rate.getValue();
        }
        if (sum > 1.0 + 1e-9) {
            throw new IllegalArgumentException("the fault rates add up to " + sum + "; at most one fault hits a request, so they must add up to at most 1");
        }
        if (serverErrorStatuses.isEmpty() || serverErrorStatuses.stream().anyMatch(s -> s < 500 || s > 599)) {
            throw new IllegalArgumentException("serverErrorStatuses must be 5xx statuses, e.g. 500/502/503");
        }
        if (outageStatus < 500 || outageStatus > 599) {
            throw new IllegalArgumentException("outageStatus must be a 5xx status, not " + outageStatus);
        }
        if (latencyMillis < 0 || latencyJitterMillis < 0 || hangMillis < 1 || outageMillis < 0) {
            throw new IllegalArgumentException("latencyMillis, latencyJitterMillis and outageSeconds must not be negative, hangMillis must be positive");
        }
    }

    public double rate(FaultKind kind) {
        return rates.getOrDefault(kind, 0.0);
    }

    /** The rated fault a draw {@code u} in [0, 1) stands for, or null for none: the rates laid end to end. */
    FaultKind pick(double u) {
        double edge = 0;
        for (FaultKind kind : FaultKind.rated()) {
            edge += rate(kind);
            if (u < edge) {
                return kind;
            }
        }
        return null;
    }

    /** From {@code key=value,key=value}; an empty or blank spec is no faults. */
    public static FaultPlan parse(String spec) {
        Map<String, String> values = new LinkedHashMap<>();
        if (spec != null) {
            for (String part : spec.split(",")) {
                if (part.isBlank()) {
                    continue;
                }
                String[] pair = part.split("=", 2);
                if (pair.length != 2 || pair[0].isBlank()) {
                    throw new IllegalArgumentException("fault settings are key=value pairs separated by commas, not '" + part.strip() + "'");
                }
                values.put(pair[0].strip(), pair[1].strip());
            }
        }
        return of(values);
    }

    /** From a JSON object of the same keys as {@link #parse} ({@code serverErrorStatuses} may be an array). */
    public static FaultPlan fromJson(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("a fault plan is a JSON object");
        }
        Map<String, String> values = new LinkedHashMap<>();
        json.fields().forEachRemaining(field -> {
            JsonNode value = field.getValue();
            if (value.isArray()) {
                List<String> items = new ArrayList<>();
                value.forEach(item -> items.add(item.asText()));
                values.put(field.getKey(), String.join("/", items));
            } else if (!value.isNull()) {
                values.put(field.getKey(), value.asText());
            }
        });
        return of(values);
    }

    private static FaultPlan of(Map<String, String> values) {
        Map<FaultKind, Double> rates = new EnumMap<>(FaultKind.class);
        List<Integer> statuses = NONE.serverErrorStatuses;
        long latency = 0;
        long jitter = 0;
        long hang = NONE.hangMillis;
        long outage = 0;
        int outageStatus = NONE.outageStatus;
        Long seed = null;
        for (Map.Entry<String, String> entry : values.entrySet()) {
            String key = entry.getKey();
            String value = entry.getValue();
            switch (key) {
                case "serverErrorStatuses" -> {
                    statuses = new ArrayList<>();
                    for (String status : value.split("/")) {
                        statuses.add((int) number(key, status));
                    }
                }
                case "latencyMillis" -> latency = number(key, value);
                case "latencyJitterMillis" -> jitter = number(key, value);
                case "hangMillis" -> hang = number(key, value);
                case "outageSeconds" -> outage = Math.multiplyExact(number(key, value), 1000L);
                case "outageMillis" -> outage = number(key, value);
                case "outageStatus" -> outageStatus = (int) number(key, value);
                case "seed" -> seed = number(key, value);
                default -> {
                    FaultKind kind = rated(key);
                    try {
                        rates.put(kind, Double.parseDouble(value));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException(key + " must be a rate between 0 and 1, not '" + value + "'");
                    }
                }
            }
        }
        return new FaultPlan(rates, statuses, latency, jitter, hang, outage, outageStatus, seed);
    }

    private static FaultKind rated(String key) {
        for (FaultKind kind : FaultKind.rated()) {
            if (kind.key().equals(key)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown fault setting '" + key + "'; known: rateLimited, serverError, timeout,"
                + " connectionReset, malformed, tokenExpired, tokenRevoked (rates), serverErrorStatuses, latencyMillis,"
                + " latencyJitterMillis, hangMillis, outageSeconds, outageMillis, outageStatus, seed");
    }

    private static long number(String key, String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, not '" + value + "'");
        }
    }

    /** The plan as the control API shows it. */
    ObjectNode toJson(ObjectMapper json) {
        ObjectNode out = json.createObjectNode();
        for (FaultKind kind : FaultKind.rated()) {
            out.put(kind.key(), rate(kind));
        }
        serverErrorStatuses.forEach(out.putArray("serverErrorStatuses")::add);
        out.put("latencyMillis", latencyMillis);
        out.put("latencyJitterMillis", latencyJitterMillis);
        out.put("hangMillis", hangMillis);
        out.put("outageMillis", outageMillis);
        out.put("outageStatus", outageStatus);
        return out;
    }
}
