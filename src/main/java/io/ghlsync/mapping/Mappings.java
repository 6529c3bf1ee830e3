package io.ghlsync.mapping;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.spi.Registry;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The mappings as Camel beans, so that a YAML route names its mapping step:
 * <pre>
 * - process:
 *     ref: cliengo-lead-to-ghl-contact        # one processor bean per mapping file, named like the file
 * - bean:
 *     ref: mappings                            # or by name, for a mapping file added while the engine runs
 *     method: "apply('cliengo-lead-to-ghl-contact', ${exchange})"
 * </pre>
 * Both replace the body with the mapped JSON, or fail the exchange with a {@link MappingException}.
 */
public final class Mappings {

    /** The registry name of this bean. */
    public static final String BEAN_NAME = "mappings";

    private final MappingRegistry registry;
    private final Map<String, Object> defaults;
    private final MappingContext defaultContext;

    public Mappings(MappingRegistry registry, Map<String, ?> defaults) {
        this.registry = registry;
        this.defaults = Map.copyOf(defaults);
        this.defaultContext = MappingContext.of(this.defaults);
    }

    /**
     * Opens the mappings folder and binds {@code mappings} and one {@link MappingProcessor} per mapping file (under the
     * mapping's name) into the Camel registry. Broken files are reported, and their processors fail each record with
     * the file's problem until it is fixed.
     *
     * @param defaults context values for every mapping, e.g. {@code locationId} → the configured GHL location
     */
    public static Mappings bind(CamelContext camel, Path dir, Duration checkInterval, Map<String, ?> defaults) {
        MappingRegistry registry = new MappingRegistry(dir, GhlRequestSchemas.shared(), checkInterval);
        Mappings mappings = new Mappings(registry, defaults);
        Registry beans = camel.getRegistry();
        beans.bind(BEAN_NAME, mappings);
        for (String name : registry.names()) {
            beans.bind(name, mappings.processor(name));
        }
        return mappings;
    }

    public MappingRegistry registry() {
        return registry;
    }

    public MappingProcessor processor(String mapping) {
        return new MappingProcessor(registry, mapping, defaults);
    }

    /**
     * The exchange's body (a record in the named mapping's target shape) cut down to the fields that mapping writes
     * ({@link Mapping#project}); the result becomes the body. A mapping that is not loaded fails the exchange.
     */
    public ObjectNode project(String mapping, Exchange exchange) throws MappingException {
        Mapping loaded = registry.mapping(mapping).orElseThrow(() -> new MappingException(mapping, java.util.List.of(
                new MappingError("", "$", "mapping", "mapping " + mapping + " is not loaded"))));
        ObjectNode projected = loaded.project(MappingProcessor.record(mapping, exchange.getMessage().getBody()));
        exchange.getMessage().setBody(projected);
        return projected;
    }

    /** Maps the exchange's body with the named mapping; the result becomes the body. */
    public ObjectNode apply(String mapping, Exchange exchange) throws MappingException {
        exchange.setProperty(MappingProcessor.MAPPING_PROPERTY, mapping);
        return MappingProcessor.apply(registry, mapping, exchange, defaults, defaultContext);
    }
}
