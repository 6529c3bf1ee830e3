package io.ghlsync.ghl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ghlsync.ghl.ratelimit.Priority;
import io.ghlsync.ghl.ratelimit.RateBudget;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.Expression;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultAsyncProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Calls one GHL operation per exchange: waits for the location's rate budget, sends with the location's token
 * (refreshing once on 401), and puts the parsed JSON answer in the body or raises a typed {@link GhlApiException}.
 */
public class GhlProducer extends DefaultAsyncProducer {

    private static final Logger LOG = LoggerFactory.getLogger(GhlProducer.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final GhlEndpoint endpoint;
    private final GhlOperation operation;

    public GhlProducer(GhlEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
        this.operation = endpoint.getOperation();
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        Call call;
        try {
            call = prepare(exchange);
        } catch (Exception e) {
            exchange.setException(e);
            callback.done(true);
            return true;
        }
        send(call, false).whenComplete((response, failure) -> {
            try {
                if (failure != null) {
                    exchange.setException(failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause() : failure);
                } else {
                    answer(response, exchange.getMessage());
                }
            } catch (Exception e) {
                exchange.setException(e);
            } finally {
                callback.done(false);
            }
        });
        return false;
    }

    /** Everything needed to send, checked before the budget is touched: bad input costs no call. */
    private Call prepare(Exchange exchange) throws IOException {
        Message in = exchange.getMessage();
        String locationId = endpoint.getConfiguration().getLocationId();
        if (locationId == null) {
            locationId = in.getHeader(GhlConstants.LOCATION_ID, String.class);
        }
        GhlLocation location = endpoint.getComponent().location(locationId);
        if (!location.credentials().scopes().contains(operation.scope())) {
            throw new GhlScopeException(operation.operationId(), location.locationId(), operation.scope());
        }
        Map<String, String> parameters = parameters(exchange, location);
        URI uri = URI.create(location.baseUrl() + path(parameters) + query(parameters));
        byte[] body = operation.hasBody() ? body(in.getBody(), location) : null;
        Priority priority = endpoint.getConfiguration().getPriority();
        String asked = in.getHeader(GhlConstants.PRIORITY, String.class);
        if (asked != null) {
            priority = Priority.valueOf(asked.trim().toUpperCase(Locale.ROOT));
        }
        return new Call(location, uri, body, priority);
    }

    private Map<String, String> parameters(Exchange exchange, GhlLocation location) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, Expression> e : endpoint.getApiParameters().entrySet()) {
            Object value = e.getValue().evaluate(exchange, Object.class);
            if (value != null) {
                values.put(e.getKey(), value.toString());
            }
        }
        Map<?, ?> fromHeader = exchange.getMessage().getHeader(GhlConstants.PARAMETERS, Map.class);
        if (fromHeader != null) {
            fromHeader.forEach((k, v) -> {
                String name = String.valueOf(k);
                if (!operation.parameterNames().contains(name)) {
                    throw new GhlException("operation " + operation.operationId() + " has no parameter '" + name
                            + "'; it takes: " + operation.parameterNames());
                }
                if (v != null) {
                    values.put(name, v.toString());
                }
            });
        }
        if (operation.queryParameters().contains("locationId")) {
            values.putIfAbsent("locationId", location.locationId());
        }
        for (String name : operation.pathParameters()) {
            String value = values.get(name);
            if (value == null || value.isBlank()) {
                throw new GhlException("operation " + operation.operationId() + " needs path parameter '" + name + "'");
            }
        }
        for (String name : operation.requiredQueryParameters()) {
            if (values.get(name) == null) {
                throw new GhlException("operation " + operation.operationId() + " needs query parameter '" + name + "'");
            }
        }
        return values;
    }

    private String path(Map<String, String> parameters) {
        String path = operation.pathTemplate();
        for (String name : operation.pathParameters()) {
            String encoded = URLEncoder.encode(parameters.get(name), StandardCharsets.UTF_8).replace("+", "%20");
            path = path.replace("{" + name + "}", encoded);
        }
        return path;
    }

    private String query(Map<String, String> parameters) {
        StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
        for (String name : operation.queryParameters()) {
            String value = parameters.get(name);
            if (value != null) {
                query.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        }
        return query.toString();
    }

    private byte[] body(Object body, GhlLocation location) throws IOException {
        JsonNode node;
        if (body == null) {
            node = JSON.createObjectNode();
        } else if (body instanceof JsonNode json) {
            node = json;
        } else if (body instanceof String || body instanceof byte[] || body instanceof InputStream) {
            try {
                node = body instanceof String s ? JSON.readTree(s)
                        : body instanceof byte[] b ? JSON.readTree(b) : JSON.readTree((InputStream) body);
            } catch (JsonProcessingException e) {
                throw new GhlException("the request body for " + operation.operationId() + " is not valid JSON: "
                        + e.getOriginalMessage() + " at line " + e.getLocation().getLineNr() + ", column "
                        + e.getLocation().getColumnNr());
            }
        } else {
            node = JSON.valueToTree(body);
        }
        if (operation.bodyCarriesLocationId() && node instanceof ObjectNode object && !object.hasNonNull("locationId")) {
            object.put("locationId", location.locationId());
        }
        return JSON.writeValueAsBytes(node);
    }

    /** Sends once; on a 401 asks the credentials for a fresh token and sends once more. */
    private CompletableFuture<HttpResponse<byte[]>> send(Call call, boolean afterRefresh) {
        RateBudget budget = call.location().budget();
        GhlComponent component = endpoint.getComponent();
        return budget.acquire(call.priority()).thenCompose(permit ->
                CompletableFuture.supplyAsync(() -> call.location().credentials().accessToken(), component.getWorkers())
                        .thenCompose(token -> component.getHttpClient()
                                .sendAsync(request(call, token), HttpResponse.BodyHandlers.ofByteArray())
                                .thenApply(response -> new Attempt(token, response)))
                        .whenComplete((attempt, failure) -> {
                            if (attempt != null) {
                                HttpResponse<byte[]> r = attempt.response();
                                budget.release(permit, r.statusCode(), RateLimitHeaders.from(r.headers()), retryAfter(r));
                            } else {
                                budget.release(permit, 0, RateLimitHeaders.NONE, null);
                            }
                        }))
                .thenCompose(attempt -> {
                    if (attempt.response().statusCode() != 401 || afterRefresh) {
                        return CompletableFuture.completedFuture(attempt.response());
                    }
                    return CompletableFuture.supplyAsync(
                            () -> call.location().credentials().refreshAfterRejection(attempt.token()), component.getWorkers())
                            .thenCompose(fresh -> fresh == null
                                    ? CompletableFuture.completedFuture(attempt.response())
                                    : send(call, true));
                });
    }

    private HttpRequest request(Call call, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(call.uri())
                .timeout(Duration.ofMillis(endpoint.getComponent().getRequestTimeoutMillis()))
                .header("Authorization", "Bearer " + token)
                .header("Version", GhlConstants.API_VERSION)
                .header("Accept", "application/json");
        if (call.body() != null) {
            builder.header("Content-Type", "application/json");
            builder.method(operation.method(), HttpRequest.BodyPublishers.ofByteArray(call.body()));
        } else {
            builder.method(operation.method(), HttpRequest.BodyPublishers.noBody());
        }
        LOG.debug("{} {} for location {}", operation.method(), call.uri().getPath(), call.location().locationId());
        return builder.build();
    }

    private void answer(HttpResponse<byte[]> response, Message message) throws IOException {
        int status = response.statusCode();
        RateLimitHeaders limits = RateLimitHeaders.from(response.headers());
        message.setHeader(GhlConstants.STATUS_CODE, status);
        if (limits.burstRemaining() >= 0) {
            message.setHeader(GhlConstants.RATE_LIMIT_REMAINING, limits.burstRemaining());
        }
        if (limits.dailyRemaining() >= 0) {
            message.setHeader(GhlConstants.RATE_LIMIT_DAILY_REMAINING, limits.dailyRemaining());
        }
        if (status / 100 != 2) {
            throw GhlApiException.of(operation.operationId(), status, ghlMessage(response.body()), limits, retryAfter(response))
                    .withResponseBody(new String(response.body(), StandardCharsets.UTF_8));
        }
        byte[] body = response.body();
        message.setBody(body == null || body.length == 0 ? null : JSON.readValue(body, Object.class));
    }

    private static Duration retryAfter(HttpResponse<?> response) {
        return RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null), Instant.now());
    }

    /** GHL puts its reason in {@code message}, a string or a list of strings; never echo anything else back. */
    private static String ghlMessage(byte[] body) {
        try {
            JsonNode json = JSON.readTree(body);
            JsonNode message = json == null ? null : json.get("message");
            if (message == null) {
                return json != null && json.hasNonNull("error") ? json.get("error").asText() : null;
            }
            if (message.isArray()) {
                StringJoiner all = new StringJoiner("; ");
                message.forEach(m -> all.add(m.asText()));
                return all.toString();
            }
            return message.asText();
        } catch (IOException e) {
            return null;
        }
    }

    private record Call(GhlLocation location, URI uri, byte[] body, Priority priority) {
    }

    private record Attempt(String token, HttpResponse<byte[]> response) {
    }
}
