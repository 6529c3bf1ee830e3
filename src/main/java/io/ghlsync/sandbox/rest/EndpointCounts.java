package io.ghlsync.sandbox.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Requests per API endpoint (e.g. {@code PATCH /leads/{id}}), refused ones included: how tests count ghl-sync's calls. */
public final class EndpointCounts {

    private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
    private final LongAdder unauthorized = new LongAdder();

    public void count(String endpoint) {
        requests.computeIfAbsent(endpoint, k -> new LongAdder()).increment();
    }

    public void countUnauthorized() {
        unauthorized.increment();
    }

    /** Requests to one endpoint, e.g. {@code requests("GET /leads")}. */
    public long requests(String endpoint) {
        LongAdder adder = requests.get(endpoint);
        return adder == null ? 0 : adder.sum();
    }

    public long unauthorized() {
        return unauthorized.sum();
    }

    public void reset() {
        requests.clear();
        unauthorized.reset();
    }

    public ObjectNode toJson() {
        ObjectNode out = RestJson.object();
        ObjectNode byEndpoint = out.putObject("requests");
        new TreeMap<>(requests).forEach((endpoint, count) -> byEndpoint.put(endpoint, count.sum()));
        out.put("total", requests.values().stream().mapToLong(LongAdder::sum).sum());
        out.put("unauthorized", unauthorized.sum());
        return out;
    }
}
