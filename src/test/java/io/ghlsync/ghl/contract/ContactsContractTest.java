package io.ghlsync.ghl.contract;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import io.ghlsync.ghl.GhlComponent;
import io.ghlsync.ghl.GhlConstants;
import io.ghlsync.ghl.GhlLocation;
import io.ghlsync.ghl.GhlOperation;
import io.ghlsync.ghl.GhlScope;
import io.ghlsync.ghl.GhlSpec;
import io.ghlsync.ghl.GhlSpecExceptions;
import io.ghlsync.ghl.auth.PrivateIntegrationToken;
import io.ghlsync.ghl.auth.OAuthRefreshCredentials;
import io.ghlsync.ghl.auth.OAuthTokens;
import io.ghlsync.ghl.auth.RefreshRejectedException;
import io.ghlsync.ghl.auth.TokenStore;
import io.ghlsync.sandbox.SandboxServer;
import io.ghlsync.sandbox.ghl.GhlSandbox;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every request the ghl component sends and every answer the sandbox returns, for all 32 operations (successes and
 * errors), validated against the official apps/contacts.json with Atlassian's swagger-request-validator; and the
 * token refresh traffic against apps/oauth.json.
 */
class ContactsContractTest {

    private static SandboxServer sandbox;
    private static RecordingProxy proxy;
    private static CamelContext camel;
    private static ProducerTemplate template;

    @BeforeAll
    static void start() throws Exception {
        sandbox = new SandboxServer(0).start();
        proxy = new RecordingProxy("http://127.0.0.1:" + sandbox.port());
        camel = new DefaultCamelContext();
        GhlComponent ghl = new GhlComponent();
        ghl.addLocation(new GhlLocation("sandbox-location", proxy.baseUrl() + "/ghl",
                new PrivateIntegrationToken("sandbox-token", EnumSet.allOf(GhlScope.class)),
                ghl.newRateBudget("sandbox-location", 100, Duration.ofSeconds(10), 200_000)));
        camel.addComponent("ghl", ghl);
        camel.start();
        template = camel.createProducerTemplate();
    }

    @AfterAll
    static void stop() throws Exception {
        camel.close();
        proxy.close();
        sandbox.close();
    }

    @Test
    void everyOperationsTrafficMatchesTheOfficialContract() {
        exerciseAllOperations();

        OpenApiInteractionValidator validator = GhlSpec.validator("apps/contacts.json");
        List<String> problems = new ArrayList<>();
        Set<String> covered = new TreeSet<>();
        Set<Integer> statuses = new TreeSet<>();
        for (RecordingProxy.Interaction i : proxy.interactions()) {
            String path = i.path().substring("/ghl".length());
            GhlOperation op = ContractPaths.operationFor(i.method(), path);
            covered.add(op.operationId());
            statuses.add(i.status());
            ValidationReport report = validator.validate(request(i, path), response(i));
            for (ValidationReport.Message m : report.getMessages()) {
                if (m.getLevel() == ValidationReport.Level.ERROR
                        && !GhlSpecExceptions.tolerated(op.operationId(), i.status(), m.getKey() + " " + m.getMessage())) {
                    problems.add(op.operationId() + " " + i.status() + " " + m.getKey() + ": " + m.getMessage());
                }
            }
        }
        assertThat(covered).as("operations exercised").hasSize(32);
        assertThat(statuses).as("answers validated").contains(200, 201, 400, 422);
        assertThat(problems).as("contract violations").isEmpty();
    }

    @Test
    void tokenRefreshTrafficMatchesTheOfficialOAuthContract() throws Exception {
        GhlSandbox.OAuthInstallation app = sandbox.ghl().installLocationApp("sandbox-location",
                Set.of("contacts.readonly", "contacts.write"), Duration.ofHours(1));
        TokenStore memory = new TokenStore() {
            private OAuthTokens saved;

            @Override
            public Optional<OAuthTokens> load(String locationId) {
                return Optional.ofNullable(saved);
            }

            @Override
            public void save(String locationId, OAuthTokens tokens) {
                saved = tokens;
            }
        };
        OAuthRefreshCredentials credentials = new OAuthRefreshCredentials("sandbox-location", proxy.baseUrl() + "/ghl",
                app.client().clientId(), app.client().clientSecret(), app.refreshToken(), memory,
                HttpClient.newHttpClient(), Duration.ofMinutes(5), Clock.systemUTC());
        credentials.accessToken();
        // a second refresh with the rotated token, then one with a token GHL no longer accepts
        credentials.refreshAfterRejection(memory.load("sandbox-location").orElseThrow().accessToken());
        OAuthRefreshCredentials stale = new OAuthRefreshCredentials("sandbox-location", proxy.baseUrl() + "/ghl",
                app.client().clientId(), app.client().clientSecret(), app.refreshToken(), new TokenStore() {
                    @Override
                    public Optional<OAuthTokens> load(String locationId) {
                        return Optional.empty();
                    }

                    @Override
                    public void save(String locationId, OAuthTokens tokens) {
                    }
                }, HttpClient.newHttpClient(), Duration.ofMinutes(5), Clock.systemUTC());
        assertThatThrownBy(stale::accessToken).isInstanceOf(RefreshRejectedException.class);

        OpenApiInteractionValidator validator = GhlSpec.validator("apps/oauth.json");
        List<String> problems = new ArrayList<>();
        Set<Integer> statuses = new TreeSet<>();
        for (RecordingProxy.Interaction i : proxy.interactions()) {
            if (!i.path().startsWith("/ghl/oauth/")) {
                continue;
            }
            statuses.add(i.status());
            String path = i.path().substring("/ghl".length());
            for (ValidationReport.Message m : validator.validate(request(i, path), response(i)).getMessages()) {
                if (m.getLevel() == ValidationReport.Level.ERROR
                        && !GhlSpecExceptions.tolerated("get-access-token", i.status(), m.getKey() + " " + m.getMessage())) {
                    problems.add(path + " " + i.status() + " " + m.getKey() + ": " + m.getMessage());
                }
            }
        }
        assertThat(statuses).as("refresh answers validated").contains(200).hasSizeGreaterThan(1);
        assertThat(problems).as("contract violations").isEmpty();
    }

    private static Request request(RecordingProxy.Interaction i, String path) {
        SimpleRequest.Builder b = new SimpleRequest.Builder(i.method(), path);
        if (i.query() != null) {
            for (String pair : i.query().split("&")) {
                int eq = pair.indexOf('=');
                b.withQueryParam(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? "" : pair.substring(eq + 1));
            }
        }
        i.requestHeaders().forEach((name, values) -> b.withHeader(name, values));
        if (i.requestBody().length > 0) {
            b.withBody(new String(i.requestBody(), StandardCharsets.UTF_8));
        }
        return b.build();
    }

    private static SimpleResponse response(RecordingProxy.Interaction i) {
        SimpleResponse.Builder b = SimpleResponse.Builder.status(i.status());
        i.responseHeaders().forEach((name, values) -> b.withHeader(name, values));
        if (i.responseBody().length > 0) {
            b.withBody(new String(i.responseBody(), StandardCharsets.UTF_8));
        }
        return b.build();
    }

    /** Calls every operation at least once, in an order that gives each the records it needs; some fail on purpose. */
    private void exerciseAllOperations() {
        Map<?, ?> created = call("create-contact", Map.of(), Map.of("firstName", "Ana", "lastName", "Ruiz",
                "email", "ana.contract@example.com", "phone", "+5491155550000", "tags", List.of("lead")));
        String contactId = (String) ((Map<?, ?>) created.get("contact")).get("id");
        call("get-contact", Map.of("contactId", contactId), null);
        call("update-contact", Map.of("contactId", contactId), Map.of("lastName", "Ruiz Díaz"));
        call("upsert-contact", Map.of(), Map.of("email", "ana.contract@example.com", "firstName", "Ana María"));
        call("get-contacts", Map.of("limit", "10"), null);
        call("search-contacts-advanced", Map.of(), Map.of("locationId", "sandbox-location", "pageLimit", 10, "page", 1));
        call("get-duplicate-contact", Map.of("email", "ana.contract@example.com"), null);

        Map<?, ?> task = call("create-task", Map.of("contactId", contactId),
                Map.of("title", "Call back", "dueDate", "2026-12-01T10:00:00Z", "completed", false));
        String taskId = (String) ((Map<?, ?>) task.get("task")).get("id");
        call("get-all-tasks", Map.of("contactId", contactId), null);
        call("get-task", Map.of("contactId", contactId, "taskId", taskId), null);
        call("update-task", Map.of("contactId", contactId, "taskId", taskId), Map.of("title", "Call back today"));
        call("update-task-completed", Map.of("contactId", contactId, "taskId", taskId), Map.of("completed", true));
        call("delete-task", Map.of("contactId", contactId, "taskId", taskId), null);

        Map<?, ?> note = call("create-note", Map.of("contactId", contactId), Map.of("body", "Asked for a quote"));
        String noteId = (String) ((Map<?, ?>) note.get("note")).get("id");
        call("get-all-notes", Map.of("contactId", contactId), null);
        call("get-note", Map.of("contactId", contactId, "id", noteId), null);
        call("update-note", Map.of("contactId", contactId, "id", noteId), Map.of("body", "Asked for a quote, twice"));
        call("delete-note", Map.of("contactId", contactId, "id", noteId), null);

        call("add-tags", Map.of("contactId", contactId), Map.of("tags", List.of("vip", "web")));
        call("remove-tags", Map.of("contactId", contactId), Map.of("tags", List.of("web")));
        call("create-association", Map.of("type", "add"), Map.of("contacts", List.of(contactId), "tags", List.of("bulk")));
        call("add-remove-contact-from-business", Map.of(), Map.of("ids", List.of(contactId), "businessId", "business-1"));
        call("get-contacts-by-businessId", Map.of("businessId", "business-1"), null);
        call("get-appointments-for-contact", Map.of("contactId", contactId), null);
        call("add-followers-contact", Map.of("contactId", contactId), Map.of("followers", List.of("user-1", "user-2")));
        call("remove-followers-contact", Map.of("contactId", contactId), Map.of("followers", List.of("user-2")));
        call("add-contact-to-campaign", Map.of("contactId", contactId, "campaignId", "campaign-1"), Map.of());
        call("remove-contact-from-campaign", Map.of("contactId", contactId, "campaignId", "campaign-1"), null);
        call("remove-contact-from-every-campaign", Map.of("contactId", contactId), null);
        call("add-contact-to-workflow", Map.of("contactId", contactId, "workflowId", "workflow-1"),
                Map.of("eventStartTime", "2026-12-01T10:00:00+01:00"));
        call("delete-contact-from-workflow", Map.of("contactId", contactId, "workflowId", "workflow-1"), Map.of());

        // Error answers are part of the contract too.
        call("create-contact", Map.of(), Map.of("firstName", "Ana", "email", "ana.contract@example.com"));
        call("get-contact", Map.of("contactId", "no-such-contact"), null);
        call("create-task", Map.of("contactId", contactId), Map.of("title", "Bad date", "dueDate", "next week", "completed", false));
        call("update-task", Map.of("contactId", contactId, "taskId", "no-such-task"), Map.of("title", "Nobody"));
        call("delete-contact", Map.of("contactId", contactId), null);
    }

    private static Map<?, ?> call(String operationId, Map<String, String> parameters, Object body) {
        Exchange answer = template.send("ghl:" + operationId, e -> {
            e.getMessage().setHeader(GhlConstants.PARAMETERS, new LinkedHashMap<>(parameters));
            e.getMessage().setBody(body);
        });
        Object result = answer.getMessage().getBody();
        return result instanceof Map<?, ?> m ? m : Map.of();
    }
}
