package io.ghlsync.ghl;

import io.ghlsync.ghl.auth.GhlCredentials;
import io.ghlsync.ghl.auth.PrivateIntegrationToken;
import io.ghlsync.sandbox.SandboxServer;
import io.ghlsync.sandbox.ghl.GhlSandbox;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;

/** Component tests against the real sandbox over HTTP: one sandbox per test class, reset before each test. */
public abstract class GhlSandboxTestSupport extends CamelTestSupport {

    protected static SandboxServer sandbox;

    @BeforeAll
    static void startSandbox() {
        sandbox = new SandboxServer(0).start();
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    @BeforeEach
    void resetSandbox() {
        ghlSandbox().reset();
    }

    protected static GhlSandbox ghlSandbox() {
        return sandbox.ghl();
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        addLocation(context, GhlSandbox.DEFAULT_LOCATION_ID,
                new PrivateIntegrationToken(GhlSandbox.DEFAULT_TOKEN, EnumSet.allOf(GhlScope.class)));
        return context;
    }

    protected static GhlLocation addLocation(CamelContext context, String locationId, GhlCredentials credentials) {
        GhlComponent ghl = context.getComponent("ghl", GhlComponent.class);
        GhlLocation location = new GhlLocation(locationId, sandbox.ghlBaseUrl(), credentials,
                ghl.newRateBudget(locationId, 100, Duration.ofSeconds(10), 200_000));
        ghl.addLocation(location);
        return location;
    }

    /** Calls an operation on the default sandbox location and returns the exchange (answer or exception). */
    protected Exchange call(String operationId, Map<String, ?> parameters, Object body) {
        return call(GhlSandbox.DEFAULT_LOCATION_ID, operationId, parameters, body);
    }

    protected Exchange call(String locationId, String operationId, Map<String, ?> parameters, Object body) {
        return template.send("ghl:" + operationId, e -> {
            e.getMessage().setHeader(GhlConstants.LOCATION_ID, locationId);
            e.getMessage().setHeader(GhlConstants.PARAMETERS, new LinkedHashMap<>(parameters));
            e.getMessage().setBody(body);
        });
    }

    /** The answer's JSON, failing the test with the exception when the call failed. */
    @SuppressWarnings("unchecked")
    protected Map<String, Object> ok(Exchange exchange) {
        if (exchange.getException() != null) {
            throw new AssertionError("call failed: " + exchange.getException().getMessage(), exchange.getException());
        }
        return exchange.getMessage().getBody(Map.class);
    }
}
