package io.ghlsync.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The mapping step in a YAML route, as an operator writes it: a record that fails mapping goes to the dead-letter
 * channel with a MappingException naming the field and the reason (and the original record, for replay), and the
 * next record goes through.
 */
class MappingRouteTest extends CamelTestSupport {

    private static final String ROUTES = """
            - routeConfiguration:
                id: mapping-dead-letters
                errorHandler:
                  deadLetterChannel:
                    deadLetterUri: mock:dead-letters
                    useOriginalMessage: true
            - route:
                id: cliengo-leads-to-ghl
                routeConfigurationId: mapping-dead-letters
                from:
                  uri: direct:cliengo-leads
                  steps:
                    - process:
                        ref: cliengo-lead-to-ghl-contact
                    - to: mock:ghl-upsert-contact
            - route:
                id: cliengo-notes-to-ghl
                routeConfigurationId: mapping-dead-letters
                from:
                  uri: direct:cliengo-notes
                  steps:
                    - bean:
                        ref: mappings
                        method: "apply('cliengo-note-to-ghl-note', ${exchange})"
                    - to: mock:ghl-create-note
            """;

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext camel = super.createCamelContext();
        Mappings.bind(camel, Fixtures.MAPPINGS, Duration.ofSeconds(2), Map.of("locationId", "sandbox-location"));
        return camel;
    }

    @Override
    protected RoutesBuilder[] createRouteBuilders() throws Exception {
        return PluginHelper.getRoutesLoader(context)
                .findRoutesBuilders(ResourceHelper.fromString("mapping-test.camel.yaml", ROUTES))
                .toArray(RoutesBuilder[]::new);
    }

    @Test
    void aRefusedRecordGoesToTheDeadLettersWithFieldAndReasonAndTheNextGoesThrough() throws Exception {
        MockEndpoint dead = getMockEndpoint("mock:dead-letters");
        MockEndpoint ghl = getMockEndpoint("mock:ghl-upsert-contact");
        dead.expectedMessageCount(1);
        ghl.expectedMessageCount(1);

        String refused = "{\"id\": \"ld_1\", \"name\": \"Ana\", \"email\": \"ana at example\"}";
        template.sendBody("direct:cliengo-leads", refused);
        template.sendBody("direct:cliengo-leads", "{\"id\": \"ld_2\", \"name\": \"Ana Gómez\", \"phone\": \"011 4567-8901\"}");

        MockEndpoint.assertIsSatisfied(context);
        Exchange deadLetter = dead.getReceivedExchanges().get(0);
        MappingException failure = deadLetter.getProperty(Exchange.EXCEPTION_CAUGHT, MappingException.class);
        assertThat(failure).isNotNull();
        assertThat(failure.mapping()).isEqualTo("cliengo-lead-to-ghl-contact");
        assertThat(failure.errors()).contains(new MappingError("email", "email", "format", "not a valid email address: no @"));
        assertThat(failure.getMessage()).contains("email (from email): not a valid email address");
        assertThat(failure.getStackTrace()).isEmpty();
        assertThat(deadLetter.getMessage().getBody(String.class)).as("the original record, for replay").isEqualTo(refused);
        assertThat(deadLetter.getProperty(MappingProcessor.MAPPING_PROPERTY)).isEqualTo("cliengo-lead-to-ghl-contact");

        JsonNode contact = ghl.getReceivedExchanges().get(0).getMessage().getBody(JsonNode.class);
        assertThat(contact.get("phone").textValue()).isEqualTo("+541145678901");
        assertThat(contact.get("locationId").textValue()).isEqualTo("sandbox-location");
    }

    @Test
    void theLocationHeaderAndExchangeVariablesFeedTheContext() throws Exception {
        MockEndpoint ghl = getMockEndpoint("mock:ghl-upsert-contact");
        ghl.expectedMessageCount(3);
        template.send("direct:cliengo-leads", exchange -> {
            exchange.getMessage().setBody(Map.of("id", "ld_3", "email", "ana@example.com"));
            exchange.getMessage().setHeader("CamelGhlLocationId", "loc-from-header");
        });
        template.send("direct:cliengo-leads", exchange -> {
            exchange.getMessage().setBody(Map.of("id", "ld_4", "email", "ana@example.com"));
            exchange.setVariable("locationId", "loc-from-variable");
        });
        template.sendBody("direct:cliengo-leads", Map.of("id", "ld_5", "email", "ana@example.com"));
        MockEndpoint.assertIsSatisfied(context);
        assertThat(ghl.getReceivedExchanges()).extracting(e -> e.getMessage().getBody(JsonNode.class).get("locationId").textValue())
                .containsExactly("loc-from-header", "loc-from-variable", "sandbox-location");
    }

    @Test
    void theBeanFormMapsByNameAndABodyThatIsNotJsonIsAMappingError() throws Exception {
        MockEndpoint dead = getMockEndpoint("mock:dead-letters");
        MockEndpoint notes = getMockEndpoint("mock:ghl-create-note");
        dead.expectedMessageCount(1);
        notes.expectedMessageCount(1);

        template.sendBody("direct:cliengo-notes", "{\"content\": \"Volver a llamar\", ");
        template.sendBody("direct:cliengo-notes", "{\"content\": \" Volver a llamar \", \"author\": \"Lucía\"}");

        MockEndpoint.assertIsSatisfied(context);
        MappingException failure = dead.getReceivedExchanges().get(0).getProperty(Exchange.EXCEPTION_CAUGHT, MappingException.class);
        assertThat(failure.errors()).singleElement().satisfies(error -> {
            assertThat(error.code()).isEqualTo("input");
            assertThat(error.reason()).startsWith("the body is not JSON: ");
        });
        assertThat(notes.getReceivedExchanges().get(0).getMessage().getBody(JsonNode.class))
                .isEqualTo(Fixtures.json("{'body': 'Volver a llamar', 'title': 'Cliengo note by Lucía'}"));
    }
}
