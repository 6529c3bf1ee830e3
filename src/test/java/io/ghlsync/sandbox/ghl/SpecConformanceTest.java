package io.ghlsync.sandbox.ghl;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import io.ghlsync.ghl.GhlSpec;
import io.ghlsync.ghl.GhlSpecExceptions;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.ghlsync.sandbox.ghl.SandboxHttp.LOCATION;
import static io.ghlsync.sandbox.ghl.SandboxHttp.obj;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every operation of apps/contacts.json and apps/oauth.json, called once through the sandbox, and each answer checked
 * against the official spec with Atlassian's validator. The only tolerated findings are the spec's own
 * inconsistencies, each named in {@link GhlSpecExceptions} with the reason.
 */
class SpecConformanceTest {

    record Interaction(String operationId, Request.Method method, String path, int status, String body) {
    }

    static SandboxHttp sandbox;
    static OpenApiInteractionValidator contacts;
    static OpenApiInteractionValidator oauth;

    @BeforeAll
    static void start() {
        contacts = GhlSpec.validator("apps/contacts.json");
        oauth = GhlSpec.validator("apps/oauth.json");
        sandbox = SandboxHttp.start();
    }

    @AfterAll
    static void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Test
    void everyOperationAnswersAsTheSpecSays() {
        List<Interaction> calls = new ArrayList<>();
        String contact = record(calls, "create-contact", "POST", "/contacts/", sandbox.post("/contacts/", obj("locationId", LOCATION,
                "firstName", "Spec", "lastName", "Check", "email", "spec@example.com", "phone", "+14155550199", "tags", List.of("a"),
                "dateOfBirth", "1990-09-25", "dndSettings", Map.of("SMS", Map.of("status", "active")),
                "customFields", List.of(Map.of("key", "lead_source", "field_value", "web"))))).json().at("/contact/id").asText();
        String other = sandbox.createContact(Map.of("email", "other@example.com"));
        String c = "/contacts/" + contact;
        record(calls, "get-contact", "GET", c, sandbox.get(c));
        record(calls, "update-contact", "PUT", c, sandbox.put(c, obj("city", "Rosario")));
        record(calls, "upsert-contact", "POST", "/contacts/upsert", sandbox.post("/contacts/upsert",
                obj("locationId", LOCATION, "email", "spec@example.com", "lastName", "Checked")));
        record(calls, "get-contacts", "GET", "/contacts/", sandbox.get("/contacts/?locationId=" + LOCATION + "&limit=1"));
        record(calls, "search-contacts-advanced", "POST", "/contacts/search", sandbox.post("/contacts/search", obj("locationId", LOCATION)));
        record(calls, "get-duplicate-contact", "GET", "/contacts/search/duplicate",
                sandbox.get("/contacts/search/duplicate?locationId=" + LOCATION + "&email=spec%40example.com"));
        record(calls, "add-remove-contact-from-business", "POST", "/contacts/bulk/business", sandbox.post("/contacts/bulk/business",
                obj("locationId", LOCATION, "ids", List.of(contact), "businessId", "biz-1")));
        record(calls, "get-contacts-by-businessId", "GET", "/contacts/business/biz-1",
                sandbox.get("/contacts/business/biz-1?locationId=" + LOCATION));
        record(calls, "create-association", "POST", "/contacts/bulk/tags/update/add", sandbox.post("/contacts/bulk/tags/update/add",
                obj("locationId", LOCATION, "contacts", List.of(contact, other), "tags", List.of("bulk"))));
        record(calls, "add-tags", "POST", c + "/tags", sandbox.post(c + "/tags", obj("tags", List.of("b"))));
        record(calls, "remove-tags", "DELETE", c + "/tags", sandbox.delete(c + "/tags", obj("tags", List.of("a"))));

        String task = record(calls, "create-task", "POST", c + "/tasks", sandbox.post(c + "/tasks", obj("title", "t", "body", "b",
                "dueDate", "2030-01-01T00:00:00Z", "completed", false))).json().at("/task/id").asText();
        record(calls, "get-all-tasks", "GET", c + "/tasks", sandbox.get(c + "/tasks"));
        record(calls, "get-task", "GET", c + "/tasks/" + task, sandbox.get(c + "/tasks/" + task));
        record(calls, "update-task", "PUT", c + "/tasks/" + task, sandbox.put(c + "/tasks/" + task, obj("title", "t2")));
        record(calls, "update-task-completed", "PUT", c + "/tasks/" + task + "/completed",
                sandbox.put(c + "/tasks/" + task + "/completed", obj("completed", true)));
        record(calls, "delete-task", "DELETE", c + "/tasks/" + task, sandbox.delete(c + "/tasks/" + task, null));

        String note = record(calls, "create-note", "POST", c + "/notes", sandbox.post(c + "/notes", obj("body", "n")))
                .json().at("/note/id").asText();
        record(calls, "get-all-notes", "GET", c + "/notes", sandbox.get(c + "/notes"));
        record(calls, "get-note", "GET", c + "/notes/" + note, sandbox.get(c + "/notes/" + note));
        record(calls, "update-note", "PUT", c + "/notes/" + note, sandbox.put(c + "/notes/" + note, obj("body", "n2")));
        record(calls, "delete-note", "DELETE", c + "/notes/" + note, sandbox.delete(c + "/notes/" + note, null));

        sandbox.ghl.createAppointment(LOCATION, contact, obj("startTime", "2030-01-01T10:00:00Z", "endTime", "2030-01-01T10:30:00Z"));
        record(calls, "get-appointments-for-contact", "GET", c + "/appointments", sandbox.get(c + "/appointments"));
        record(calls, "add-followers-contact", "POST", c + "/followers", sandbox.post(c + "/followers", obj("followers", List.of("u1"))));
        record(calls, "remove-followers-contact", "DELETE", c + "/followers", sandbox.delete(c + "/followers", obj("followers", List.of("u1"))));
        record(calls, "add-contact-to-campaign", "POST", c + "/campaigns/camp", sandbox.post(c + "/campaigns/camp", obj()));
        record(calls, "remove-contact-from-campaign", "DELETE", c + "/campaigns/camp", sandbox.delete(c + "/campaigns/camp", null));
        record(calls, "remove-contact-from-every-campaign", "DELETE", c + "/campaigns/removeAll", sandbox.delete(c + "/campaigns/removeAll", null));
        record(calls, "add-contact-to-workflow", "POST", c + "/workflow/wf", sandbox.post(c + "/workflow/wf", obj()));
        record(calls, "delete-contact-from-workflow", "DELETE", c + "/workflow/wf", sandbox.delete(c + "/workflow/wf", obj()));

        // error answers are part of the contract too
        record(calls, "get-contact", "GET", "/contacts/nope", sandbox.get("/contacts/nope"));
        record(calls, "create-task", "POST", c + "/tasks", sandbox.post(c + "/tasks", obj()));
        record(calls, "get-contacts", "GET", "/contacts/", sandbox.call("GET", "/contacts/?locationId=" + LOCATION, null, null));
        record(calls, "create-contact", "POST", "/contacts/", sandbox.post("/contacts/", obj("locationId", LOCATION, "email", "other@example.com")));

        record(calls, "get-contacts", "GET", "/contacts/", sandbox.get("/contacts/?locationId=another-location"));
        sandbox.ghl.rateLimits(LOCATION, new RateLimits(1, 60_000, 1_000, java.time.LocalTime.MIDNIGHT));
        sandbox.get(c);
        record(calls, "get-contact", "GET", c, sandbox.get(c));
        sandbox.ghl.resetRateLimits(LOCATION);
        sandbox.ghl.rateLimits(LOCATION, RateLimits.GHL);

        record(calls, "delete-contact", "DELETE", c, sandbox.delete(c, null));

        GhlSandbox.OAuthInstallation agency = sandbox.ghl.installCompanyApp(GhlSandbox.DEFAULT_COMPANY_ID,
                Set.of("contacts.readonly", "contacts.write", "oauth.readonly", "oauth.write"), null);
        SandboxHttp.Answer token = sandbox.form("/oauth/token", null, Map.of("client_id", agency.client().clientId(),
                "client_secret", agency.client().clientSecret(), "grant_type", "refresh_token", "refresh_token", agency.refreshToken()));
        record(calls, "get-access-token", "POST", "/oauth/token", token);
        String companyToken = token.json().get("access_token").asText();
        record(calls, "get-location-access-token", "POST", "/oauth/locationToken", sandbox.form("/oauth/locationToken", companyToken,
                Map.of("companyId", GhlSandbox.DEFAULT_COMPANY_ID, "locationId", LOCATION)));
        record(calls, "get-installed-location", "GET", "/oauth/installedLocations", sandbox.call("GET",
                "/oauth/installedLocations?companyId=" + GhlSandbox.DEFAULT_COMPANY_ID + "&appId=" + agency.client().appId(), companyToken, null));
        record(calls, "get-access-token", "POST", "/oauth/token", sandbox.form("/oauth/token", null, Map.of("grant_type", "refresh_token")));

        List<String> findings = new ArrayList<>();
        Set<String> operations = new java.util.TreeSet<>();
        for (Interaction call : calls) {
            operations.add(call.operationId());
            OpenApiInteractionValidator validator = call.path().startsWith("/oauth") ? oauth : contacts;
            ValidationReport report = validator.validateResponse(call.path(), call.method(),
                    SimpleResponse.Builder.status(call.status()).withContentType("application/json").withBody(call.body()).build());
            for (ValidationReport.Message message : report.getMessages()) {
                String finding = message.getKey() + " " + message.getMessage();
                if (message.getLevel() == ValidationReport.Level.ERROR
                        && !GhlSpecExceptions.tolerated(call.operationId(), call.status(), finding)) {
                    findings.add(call.operationId() + " " + call.status() + ": " + finding);
                }
            }
        }
        assertThat(operations).hasSize(35);
        assertThat(calls).extracting(Interaction::status).contains(403, 429);
        assertThat(findings).isEmpty();
    }

    private static SandboxHttp.Answer record(List<Interaction> calls, String operationId, String method, String path, SandboxHttp.Answer answer) {
        calls.add(new Interaction(operationId, Request.Method.valueOf(method), path, answer.status(), answer.raw()));
        return answer;
    }
}
