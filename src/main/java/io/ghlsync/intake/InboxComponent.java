package io.ghlsync.intake;

import io.ghlsync.state.Inbox;
import io.ghlsync.state.JdbcInbox;
import io.ghlsync.state.StateDatabase;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;

import java.util.Map;

/**
 * The {@code inbox:} component: {@code to: inbox:cliengo} stores a webhook or polled record durably before the route
 * answers, {@code from: inbox:cliengo} processes what was stored, in order per ordering key.
 */
@Component("inbox")
public class InboxComponent extends DefaultComponent {

    @Metadata(autowired = true, description = "The inbox store; by default the inbox of the registry's StateDatabase")
    private Inbox inbox;

    public InboxComponent() {
    }

    public InboxComponent(Inbox inbox) {
        this.inbox = inbox;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (remaining == null || remaining.isBlank()) {
            throw new IllegalArgumentException("inbox endpoints name their source, e.g. inbox:cliengo");
        }
        InboxEndpoint endpoint = new InboxEndpoint(uri, this, remaining);
        setProperties(endpoint, parameters);
        endpoint.validate();
        return endpoint;
    }

    /** The store, found in the registry on first use: the engine binds one StateDatabase, and every endpoint shares it. */
    public synchronized Inbox getInbox() {
        if (inbox == null) {
            inbox = getCamelContext().getRegistry().findSingleByType(Inbox.class);
        }
        if (inbox == null) {
            StateDatabase database = getCamelContext().getRegistry().findSingleByType(StateDatabase.class);
            if (database == null) {
                throw new IllegalStateException("the inbox component needs the state database: bind a StateDatabase"
                        + " (the engine does) or set the component's inbox");
            }
            inbox = JdbcInbox.on(database);
        }
        return inbox;
    }

    public synchronized void setInbox(Inbox inbox) {
        this.inbox = inbox;
    }
}
