package io.ghlsync.sandbox.ghl;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What clients did to the sandbox: requests per location (or company) per operation and method, 429 answers, token
 * refreshes. It is how a test or a benchmark proves the engine spends the rate budget well. Counters are LongAdders,
 * so counting never contends on the hot path.
 */
public final class CallLedger {

    private final Map<String, Map<String, LongAdder>> requests = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> rateLimited = new ConcurrentHashMap<>();
    private final LongAdder refreshes = new LongAdder();
    private final LongAdder codeExchanges = new LongAdder();
    private final LongAdder locationTokens = new LongAdder();

    void request(String resource, ApiOperation operation) {
        requests.computeIfAbsent(resource, k -> new ConcurrentHashMap<>())
                .computeIfAbsent(key(operation), k -> new LongAdder()).increment();
    }

    void countRateLimited(String resource) {
        rateLimited.computeIfAbsent(resource, k -> new LongAdder()).increment();
    }

    void refreshed() {
        refreshes.increment();
    }

    void codeExchanged() {
        codeExchanges.increment();
    }

    void locationTokenIssued() {
        locationTokens.increment();
    }

    /** Requests a location made to one operation ({@code operationId}), over all methods. */
    public long requests(String resource, String operationId) {
        Map<String, LongAdder> byOperation = requests.getOrDefault(resource, Map.of());
        return byOperation.entrySet().stream().filter(e -> e.getKey().startsWith(operationId + " "))
                .mapToLong(e -> e.getValue().sum()).sum();
    }

    public long requests(String resource) {
        return requests.getOrDefault(resource, Map.of()).values().stream().mapToLong(LongAdder::sum).sum();
    }

    public long rateLimited(String resourceOrNull) {
        if (resourceOrNull != null) {
            LongAdder count = rateLimited.get(resourceOrNull);
            return count == null ? 0 : count.sum();
        }
        return rateLimited.values().stream().mapToLong(LongAdder::sum).sum();
    }

    public long refreshes() {
        return refreshes.sum();
    }

    public void reset() {
        requests.clear();
        rateLimited.clear();
        refreshes.reset();
        codeExchanges.reset();
        locationTokens.reset();
    }

    /**
     * {@code {"locations": {id: {"requests": n, "rateLimited": n, "operations": {operationId: {METHOD: n}}}},
     * "requests": n, "rateLimited": n, "tokenRefreshes": n, ...}}.
     */
    ObjectNode toJson() {
        ObjectNode out = Json.object();
        ObjectNode locations = out.putObject("locations");
        long total = 0;
        TreeMap<String, Map<String, LongAdder>> sorted = new TreeMap<>(requests);
        rateLimited.keySet().forEach(k -> sorted.putIfAbsent(k, Map.of()));
        for (Map.Entry<String, Map<String, LongAdder>> location : sorted.entrySet()) {
            ObjectNode node = locations.putObject(location.getKey());
            ObjectNode operations = Json.object();
            long sum = 0;
            for (Map.Entry<String, LongAdder> entry : new TreeMap<>(location.getValue()).entrySet()) {
                String[] parts = entry.getKey().split(" ", 2);
                long count = entry.getValue().sum();
                ObjectNode byMethod = operations.has(parts[0]) ? (ObjectNode) operations.get(parts[0]) : operations.putObject(parts[0]);
                byMethod.put(parts[1], count);
                sum += count;
            }
            node.put("requests", sum);
            node.put("rateLimited", rateLimited(location.getKey()));
            node.set("operations", operations);
            total += sum;
        }
        out.put("requests", total);
        out.put("rateLimited", rateLimited(null));
        out.put("tokenRefreshes", refreshes.sum());
        out.put("authorizationCodeExchanges", codeExchanges.sum());
        out.put("locationTokensIssued", locationTokens.sum());
        return out;
    }

    private static String key(ApiOperation operation) {
        return operation.operationId() + " " + operation.method().name();
    }
}
