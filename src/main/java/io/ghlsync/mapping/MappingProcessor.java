package io.ghlsync.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ghlsync.ghl.GhlConstants;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The mapping step of a route: maps the message body (a JSON object as {@code JsonNode}, {@code Map}, text or bytes)
 * with one named mapping and replaces the body with the mapped {@code ObjectNode}. A record the mapping refuses
 * fails the exchange with a {@link MappingException} that names every field and reason, for the route's dead-letter
 * channel; the route carries on with the next message.
 *
 * <p>{@code $context} in the mapping holds the processor's defaults (e.g. the configured {@code locationId}), then
 * the exchange's variables, then {@code locationId} from the {@code CamelGhlLocationId} header when it is set.
 * The exchange property {@code GhlSyncMapping} is set to the mapping's name, for dead-letter records and tracing (a
 * property, not a header: it survives {@code useOriginalMessage} and is never sent on by HTTP producers).
 */
public class MappingProcessor implements Processor {

    /** Exchange property naming the mapping that produced (or refused) the body. */
    public static final String MAPPING_PROPERTY = "GhlSyncMapping";

    private final MappingRegistry registry;
    private final String mapping;
    private final Map<String, Object> defaults;
    private final MappingContext defaultContext;

    public MappingProcessor(MappingRegistry registry, String mapping, Map<String, ?> defaults) {
        this.registry = registry;
        this.mapping = mapping;
        this.defaults = Map.copyOf(defaults);
        this.defaultContext = MappingContext.of(this.defaults);
    }

    public String mapping() {
        return mapping;
    }

    @Override
    public void process(Exchange exchange) throws MappingException {
        exchange.setProperty(MAPPING_PROPERTY, mapping);
        ObjectNode output = apply(registry, mapping, exchange, defaults, defaultContext);
        exchange.getMessage().setBody(output);
    }

    static ObjectNode apply(MappingRegistry registry, String mapping, Exchange exchange, Map<String, Object> defaults,
                            MappingContext defaultContext) throws MappingException {
        JsonNode record = record(mapping, exchange.getMessage().getBody());
        return registry.apply(mapping, record, context(exchange, defaults, defaultContext)).orThrow();
    }

    /** The defaults' context when the exchange adds nothing (the common case, built once), else a merged one. */
    static MappingContext context(Exchange exchange, Map<String, Object> defaults, MappingContext defaultContext) {
        String locationId = exchange.getMessage().getHeader(GhlConstants.LOCATION_ID, String.class);
        boolean header = locationId != null && !locationId.isBlank();
        if (!exchange.hasVariables() && (!header || locationId.equals(defaults.get("locationId")))) {
            return defaultContext;
        }
        Map<String, Object> values = new LinkedHashMap<>(defaults);
        if (exchange.hasVariables()) {
            exchange.getVariables().forEach((name, value) -> {
                if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean
                        || value instanceof Map || value instanceof List || value instanceof JsonNode) {
                    values.put(name, value);
                }
            });
        }
        if (header) {
            values.put("locationId", locationId);
        }
        return MappingContext.of(values);
    }

    /** The body as a JSON tree; a body that is not JSON is a mapping error like any other, not a stack trace. */
    static JsonNode record(String mapping, Object body) throws MappingException {
        try {
            if (body instanceof JsonNode node) {
                return node;
            }
            if (body instanceof String text) {
                return Json.MAPPER.readTree(text);
            }
            if (body instanceof byte[] bytes) {
                return Json.MAPPER.readTree(bytes);
            }
            if (body instanceof InputStream in) {
                return Json.MAPPER.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            if (body instanceof Map<?, ?> || body instanceof List<?>) {
                return Json.MAPPER.valueToTree(body);
            }
        } catch (JsonProcessingException e) {
            throw new MappingException(mapping, List.of(new MappingError("", "$", "input", "the body is not JSON: "
                    + e.getOriginalMessage() + (e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")"))));
        } catch (IOException e) {
            throw new MappingException(mapping, List.of(new MappingError("", "$", "input", "cannot read the body: " + e)));
        }
        throw new MappingException(mapping, List.of(new MappingError("", "$", "input",
                "the body must be a JSON object, got " + (body == null ? "no body" : body.getClass().getSimpleName()))));
    }

    @Override
    public String toString() {
        return "MappingProcessor[" + mapping + "]";
    }
}
