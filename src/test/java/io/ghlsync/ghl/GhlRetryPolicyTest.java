package io.ghlsync.ghl;

import io.ghlsync.ghl.auth.PrivateIntegrationToken;
import io.ghlsync.operations.FailedAttempt;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped retry policy (routes/ghl-retry-policy.camel.yaml) on a route that calls GHL: 429 and 5xx are retried
 * with growing, jittered delays and Retry-After is obeyed; other 4xx fail at once after one request.
 */
class GhlRetryPolicyTest extends CamelTestSupport {

    private ScriptedGhlServer ghl;

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties p = new Properties();
        p.setProperty("ghl.retry.max-redeliveries", "4");
        p.setProperty("ghl.retry.initial-delay-ms", "200");
        p.setProperty("ghl.retry.max-delay-ms", "5000");
        return p;
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        RetryAfterDelay retryAfterDelay = new RetryAfterDelay(5000);
        context.getRegistry().bind("retryAfterDelay", retryAfterDelay);
        context.getRegistry().bind("failedAttempt", new FailedAttempt(retryAfterDelay));
        PluginHelper.getRoutesLoader(context).loadRoutes(
                ResourceHelper.resolveMandatoryResource(context, "file:routes/ghl-retry-policy.camel.yaml"));
        return context;
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:upsert").routeConfigurationId("ghl-retry-policy").to("ghl:upsert-contact");
                // stands in for routes/dead-letters.camel.yaml
                from("direct:dead-letter").to("mock:dead-letters");
            }
        };
    }

    private void scriptGhl(ScriptedGhlServer.Answer... answers) throws Exception {
        ghl = new ScriptedGhlServer(answers);
        GhlComponent component = context.getComponent("ghl", GhlComponent.class);
        component.addLocation(new GhlLocation("loc-1", ghl.baseUrl(),
                new PrivateIntegrationToken("pit", EnumSet.allOf(GhlScope.class)),
                component.newRateBudget("loc-1", 100, Duration.ofSeconds(10), 200_000)));
    }

    @AfterEach
    void stopGhl() {
        if (ghl != null) {
            ghl.close();
        }
    }

    @Test
    void serverErrorsAreRetriedWithGrowingDelaysUntilSuccess() throws Exception {
        scriptGhl(ScriptedGhlServer.Answer.of(503, "{\"message\":\"down\"}"),
                ScriptedGhlServer.Answer.of(502, "{\"message\":\"bad gateway\"}"),
                ScriptedGhlServer.Answer.of(503, "{\"message\":\"down\"}"),
                ScriptedGhlServer.Answer.of(500, "{\"message\":\"boom\"}"));
        Exchange done = template.send("direct:upsert", e -> e.getMessage().setBody(Map.of("email", "a@example.com")));

        assertThat(done.getException()).isNull();
        assertThat(done.getMessage().getBody(Map.class)).containsKey("contact");
        List<Long> at = ghl.arrivals();
        assertThat(at).hasSize(5);
        long first = TimeUnit.NANOSECONDS.toMillis(at.get(1) - at.get(0));
        long fourth = TimeUnit.NANOSECONDS.toMillis(at.get(4) - at.get(3));
        // Camel doubles the previous (jittered) delay and jitters again by up to 25%: the first wait is at least
        // 200 × 0.75 = 150 ms, the fourth at least 200 × 8 × 0.75^4 ≈ 506 ms, which a fixed 200 ms ±25% never reaches.
        // Only lower bounds: a loaded machine may add delay, never remove it.
        assertThat(first).isGreaterThanOrEqualTo(150L);
        assertThat(fourth).isGreaterThanOrEqualTo(500L);
    }

    @Test
    void rateLimitedAnswersWaitWhatRetryAfterSays() throws Exception {
        scriptGhl(new ScriptedGhlServer.Answer(429, Map.of("Retry-After", "2"), "{\"message\":\"Too many requests\"}"));
        Exchange done = template.send("direct:upsert", e -> e.getMessage().setBody(Map.of("email", "a@example.com")));

        assertThat(done.getException()).isNull();
        List<Long> at = ghl.arrivals();
        assertThat(at).hasSize(2);
        assertThat(TimeUnit.NANOSECONDS.toMillis(at.get(1) - at.get(0))).isGreaterThanOrEqualTo(1950L);
    }

    @Test
    void otherClientErrorsAreNotRetried() throws Exception {
        scriptGhl(ScriptedGhlServer.Answer.of(422, "{\"statusCode\":422,\"message\":[\"email must be an email\"]}"));
        Exchange done = template.send("direct:upsert", e -> e.getMessage().setBody(Map.of("email", "nope")));

        assertThat(done.getException()).as("handled by the dead-letter channel").isNull();
        assertThat(getMockEndpoint("mock:dead-letters").getReceivedCounter()).isEqualTo(1);
        assertThat(done.getProperty(Exchange.EXCEPTION_CAUGHT)).isExactlyInstanceOf(GhlApiException.class);
        GhlApiException error = done.getProperty(Exchange.EXCEPTION_CAUGHT, GhlApiException.class);
        assertThat(error.getStatusCode()).isEqualTo(422);
        assertThat(error.getGhlMessage()).isEqualTo("email must be an email");
        assertThat(ghl.arrivals()).hasSize(1);
    }

    @Test
    void retriesStopAfterTheConfiguredNumberAndTheLastErrorIsKept() throws Exception {
        ScriptedGhlServer.Answer down = ScriptedGhlServer.Answer.of(500, "{\"message\":\"boom\"}");
        scriptGhl(down, down, down, down, down, down);
        Exchange done = template.send("direct:upsert", e -> e.getMessage().setBody(Map.of("email", "a@example.com")));

        assertThat(done.getProperty(Exchange.EXCEPTION_CAUGHT)).isInstanceOf(GhlServerErrorException.class);
        assertThat(getMockEndpoint("mock:dead-letters").getReceivedCounter()).isEqualTo(1);
        assertThat(ghl.arrivals()).hasSize(5); // the first attempt and four redeliveries
    }
}
