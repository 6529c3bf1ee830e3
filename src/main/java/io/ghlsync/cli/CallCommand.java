package io.ghlsync.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.ghlsync.GhlSyncConfiguration;
import io.ghlsync.Settings;
import io.ghlsync.ghl.GhlApiException;
import io.ghlsync.ghl.GhlComponent;
import io.ghlsync.ghl.GhlConstants;
import io.ghlsync.ghl.GhlLocationSettings;
import io.ghlsync.ghl.GhlOperation;
import io.ghlsync.state.StateDatabase;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code call <operationId>}: one test call against the configured GHL (sandbox or real), to check credentials,
 * data and error handling by hand. Every argument is checked before anything is sent.
 */
@Command(name = "call", description = "Perform one GHL call and print the status and JSON answer.")
public class CallCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<operationId>", description = "an operationId listed by the ops command")
    String operationId;

    @Option(names = "--param", paramLabel = "name=value", description = "a path or query parameter; repeatable")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--body", paramLabel = "FILE|-", description = "the JSON request body, from a file or - for stdin")
    String body;

    @Option(names = "--location", description = "which configured location to call (default: GHL_LOCATION_ID)")
    String locationId;

    InputStream stdin = System.in;

    @Override
    public Integer call() throws Exception {
        GhlOperation operation = GhlOperation.byOperationId(operationId).orElseThrow(() -> new ParameterException(spec.commandLine(),
                "unknown operationId '" + operationId + "'; run 'ops' to list them"));
        for (String name : params.keySet()) {
            if (!operation.parameterNames().contains(name)) {
                throw new ParameterException(spec.commandLine(), "operation " + operationId + " has no parameter '" + name
                        + "'; it takes: " + String.join(", ", operation.parameterNames()));
            }
        }
        for (String name : operation.pathParameters()) {
            if (params.get(name) == null || params.get(name).isBlank()) {
                throw new ParameterException(spec.commandLine(), "operation " + operationId + " needs --param " + name + "=...");
            }
        }
        for (String name : operation.requiredQueryParameters()) {
            if (!"locationId".equals(name) && params.get(name) == null) {
                throw new ParameterException(spec.commandLine(), "operation " + operationId + " needs --param " + name + "=...");
            }
        }
        JsonNode json = readBody(operation);

        Settings settings = SandboxDefaults.applyWhenUnconfigured(Settings.load());
        // A one-shot command: Camel's start and stop lines would only bury the answer.
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("org.apache.camel")).setLevel(ch.qos.logback.classic.Level.WARN);
        // The state database is only opened for OAuth: the embedded one admits one process, and run may hold it.
        StateDatabase database = new GhlLocationSettings(settings).usesOAuth() ? StateDatabase.open(settings) : null;
        try (CamelContext camel = new DefaultCamelContext()) {
            GhlComponent ghl = GhlSyncConfiguration.ghlComponent(settings,
                    database == null ? null : GhlSyncConfiguration.tokenStore(database, settings));
            camel.addComponent("ghl", ghl);
            camel.start();
            ProducerTemplate template = camel.createProducerTemplate();
            Exchange answer = template.send("ghl:" + operationId, exchange -> {
                exchange.getMessage().setHeader(GhlConstants.PARAMETERS, params);
                if (locationId != null) {
                    exchange.getMessage().setHeader(GhlConstants.LOCATION_ID, locationId);
                }
                exchange.getMessage().setBody(json);
            });
            return print(answer, ghl);
        } finally {
            if (database != null) {
                database.close();
            }
        }
    }

    private JsonNode readBody(GhlOperation operation) {
        if (body == null) {
            return null;
        }
        if (!operation.hasBody()) {
            throw new ParameterException(spec.commandLine(), "operation " + operationId + " takes no request body");
        }
        String source = "-".equals(body) ? "stdin" : body;
        try {
            byte[] bytes = "-".equals(body) ? stdin.readAllBytes() : Files.readAllBytes(Path.of(body));
            JsonNode node = JSON.readTree(bytes);
            if (node == null || !node.isObject()) {
                throw new ParameterException(spec.commandLine(), "the body in " + source + " must be a JSON object");
            }
            return node;
        } catch (NoSuchFileException e) {
            throw new ParameterException(spec.commandLine(), "body file not found: " + body);
        } catch (JsonProcessingException e) {
            throw new ParameterException(spec.commandLine(), "the body in " + source + " is not valid JSON: "
                    + e.getOriginalMessage() + " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "cannot read the body from " + source + ": " + e.getMessage());
        }
    }

    private int print(Exchange answer, GhlComponent ghl) throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Exception failure = answer.getException();
        if (failure == null) {
            out.println("HTTP " + answer.getMessage().getHeader(GhlConstants.STATUS_CODE));
            Object result = answer.getMessage().getBody();
            if (result != null) {
                out.println(JSON.writeValueAsString(result));
            }
            out.flush();
            return 0;
        }
        if (failure instanceof GhlApiException api) {
            out.println("HTTP " + api.getStatusCode());
            if (api.getResponseBody() != null && !api.getResponseBody().isBlank()) {
                out.println(pretty(api.getResponseBody()));
            }
            out.flush();
            err.println("ghl-sync: " + api.getMessage());
            return 1;
        }
        Throwable cause = failure;
        while (cause.getCause() != null && !(cause instanceof ConnectException)) {
            cause = cause.getCause();
        }
        if (cause instanceof ConnectException) {
            err.println("ghl-sync: cannot reach GHL at " + ghl.location(locationId).baseUrl()
                    + " (is 'run --sandbox' running, or GHL_BASE_URL right?)");
        } else {
            err.println("ghl-sync: " + String.valueOf(failure.getMessage()).replace('\n', ' '));
        }
        return 1;
    }

    private static String pretty(String body) {
        try {
            return JSON.writeValueAsString(JSON.readTree(body));
        } catch (IOException e) {
            return body;
        }
    }
}
