package io.ghlsync.intake;

import io.ghlsync.state.Inbox;
import io.ghlsync.state.StateStoreException;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A message the inbox did not store is never a success for its caller. An aggregator's completion that stores its
 * batch (routes/cliengo-to-ghl.camel.yaml) confirms, i.e. forgets, the batch when the exchange succeeds: a store that
 * failed must fail the exchange. Only a webhook route ({@code httpReply}) answers the refusal instead, as 503.
 */
class InboxProducerRefusalTest {

    private CamelContext context;
    private ProducerTemplate template;

    /** Every call fails as the inbox's store fails while its database is cut off. */
    private static final Inbox UNREACHABLE = (Inbox) Proxy.newProxyInstance(Inbox.class.getClassLoader(),
            new Class<?>[] {Inbox.class}, (proxy, method, args) -> {
                throw new StateStoreException("cannot store 1 inbox item(s) of batches: Connection is not available",
                        new SQLTransientConnectionException("ghl-sync-state - Connection is not available", "08001"));
            });

    @BeforeEach
    void start() throws Exception {
        context = new DefaultCamelContext();
        context.addComponent("inbox", new InboxComponent(UNREACHABLE));
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:store-batch").to("inbox:batches?eventId=/batchId&orderingKey=/leadId");
                from("direct:webhook").to("inbox:batches?eventId=/batchId&orderingKey=/leadId&httpReply=true");
            }
        });
        context.start();
        template = context.createProducerTemplate();
    }

    @AfterEach
    void stop() {
        context.stop();
    }

    @Test
    void aStoreThatFailedFailsTheExchangeOfAnInternalCaller() {
        Exchange sent = template.send("direct:store-batch", e -> e.getMessage().setBody("{\"batchId\":\"batch:ev1\",\"leadId\":\"ld1\"}"));
        assertThat(sent.getException()).as("the completion sees that its batch was stored nowhere")
                .isInstanceOf(StateStoreException.class);
    }

    @Test
    void aRefusedBodyFailsTheExchangeOfAnInternalCallerWithTheReason() {
        Exchange sent = template.send("direct:store-batch", e -> e.getMessage().setBody("{\"leadId\":\"ld1\"}"));
        assertThat(sent.getException()).as("a batch without its id").isNotNull()
                .hasMessageContaining("the body has no eventId at /batchId");
    }

    @Test
    void aWebhookRouteAnswers503WithRetryAfterInsteadOfFailing() {
        Exchange sent = template.send("direct:webhook", e -> e.getMessage().setBody("{\"batchId\":\"batch:ev1\",\"leadId\":\"ld1\"}"));
        assertThat(sent.getException()).isNull();
        assertThat(sent.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(503);
        assertThat(sent.getMessage().getHeader("Retry-After")).isEqualTo("5");
        assertThat(sent.getMessage().getBody(String.class)).contains("\"accepted\":false");
    }
}
