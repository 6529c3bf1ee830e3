package io.ghlsync.ghl;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Expression;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.support.DefaultEndpoint;

import java.util.Map;

/** One GHL Contacts API operation, e.g. {@code ghl:get-all-tasks?contactId=${header.ghlContactId}}. */
@UriEndpoint(firstVersion = "0.1.0", scheme = "ghl", title = "GoHighLevel Contacts", syntax = "ghl:operationId",
             producerOnly = true, category = { Category.SAAS }, headersClass = GhlConstants.class)
public class GhlEndpoint extends DefaultEndpoint {

    @UriParam
    private final GhlConfiguration configuration;
    private final GhlOperation operation;
    private final Map<String, Expression> apiParameters;

    GhlEndpoint(String uri, GhlComponent component, GhlOperation operation, GhlConfiguration configuration,
            Map<String, Expression> apiParameters) {
        super(uri, component);
        this.operation = operation;
        this.configuration = configuration;
        this.apiParameters = Map.copyOf(apiParameters);
    }

    @Override
    public Producer createProducer() {
        return new GhlProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("the ghl component only sends; GHL's webhooks arrive at /webhooks/ghl");
    }

    @Override
    public GhlComponent getComponent() {
        return (GhlComponent) super.getComponent();
    }

    public GhlConfiguration getConfiguration() {
        return configuration;
    }

    public GhlOperation getOperation() {
        return operation;
    }

    /** The operation's path and query parameters given in the URI, as expressions to evaluate per message. */
    Map<String, Expression> getApiParameters() {
        return apiParameters;
    }

    public void setLocationId(String locationId) {
        configuration.setLocationId(locationId);
    }

    public void setPriority(io.ghlsync.ghl.ratelimit.Priority priority) {
        configuration.setPriority(priority);
    }
}
