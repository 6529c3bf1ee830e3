package io.ghlsync.sandbox.ghl;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.ghlsync.sandbox.ghl.SandboxHttp.LOCATION;
import static io.ghlsync.sandbox.ghl.SandboxHttp.obj;
import static org.assertj.core.api.Assertions.assertThat;

/** Bad requests get a 4xx with a GHL-style body that says why, and change nothing. */
class BadInputTest extends SandboxTest {

    @Test
    void malformedJsonIs400WithTheParsersReason() {
        SandboxHttp.Answer answer = sandbox.post("/contacts/", "{\"locationId\": \"sandbox-location\", ");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("statusCode").asInt()).isEqualTo(400);
        assertThat(answer.json().get("message").asText()).startsWith("Malformed JSON body");
        assertThat(sandbox.ghl.location(LOCATION).contactCount()).isZero();
    }

    @Test
    void missingRequiredFieldsAndWrongTypesAre422WithEveryProblemListed() {
        String contact = sandbox.createContact(Map.of("email", "v@example.com"));
        SandboxHttp.Answer answer = sandbox.post("/contacts/" + contact + "/tasks", obj("title", 5, "completed", "yes"));
        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.json().get("error").asText()).isEqualTo("Unprocessable Entity");
        assertThat(answer.json().get("message")).extracting(JsonNode::asText).containsExactlyInAnyOrder(
                "title must be a string", "dueDate should not be empty", "completed must be a boolean value");
        assertThat(sandbox.ghl.location(LOCATION).tasks().count()).isZero();
    }

    @Test
    void propertiesTheDtoDoesNotDeclareAreRefusedLikeGhlDoes() {
        String contact = sandbox.createContact(Map.of("email", "w@example.com"));
        SandboxHttp.Answer answer = sandbox.put("/contacts/" + contact, obj("locationId", LOCATION, "firstName", "X"));
        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.json().get("message").get(0).asText()).isEqualTo("property locationId should not exist");
        assertThat(sandbox.get("/contacts/" + contact).json().at("/contact/firstName").isMissingNode()).isTrue();
    }

    @Test
    void anUnparseablePhoneIs422() {
        for (String phone : List.of("555-0100", "+1 (555) abc", "+12", "+1234567890123456")) {
            SandboxHttp.Answer answer = sandbox.post("/contacts/", obj("locationId", LOCATION, "phone", phone));
            assertThat(answer.status()).as(phone).isEqualTo(422);
            assertThat(answer.json().get("message").get(0).asText()).contains("phone");
        }
        assertThat(sandbox.ghl.location(LOCATION).contactCount()).isZero();
    }

    @Test
    void aBadEmailAndABadDndSettingAre422() {
        assertThat(sandbox.post("/contacts/", obj("locationId", LOCATION, "email", "not-an-email")).status()).isEqualTo(422);
        SandboxHttp.Answer dnd = sandbox.post("/contacts/", obj("locationId", LOCATION, "dndSettings", Map.of("SMS", Map.of("status", "maybe"))));
        assertThat(dnd.status()).isEqualTo(422);
        assertThat(dnd.json().get("message").get(0).asText()).contains("dndSettings.SMS.status");
    }

    @Test
    void unknownRoutesAre404Json() {
        SandboxHttp.Answer api = sandbox.get("/opportunities/");
        assertThat(api.status()).isEqualTo(404);
        assertThat(api.json().get("statusCode").asInt()).isEqualTo(404);
        assertThat(api.json().get("message").asText()).contains("/ghl/opportunities/");
        SandboxHttp.Answer root = sandbox.send("GET", "http://127.0.0.1:" + sandbox.server.port() + "/nothing", Map.of(), null);
        assertThat(root.status()).isEqualTo(404);
        assertThat(root.json().get("statusCode").asInt()).isEqualTo(404);
        assertThat(sandbox.control("GET", "/nothing", null).status()).isEqualTo(404);
    }

    @Test
    void unknownRecordsAre400LikeGhl() {
        SandboxHttp.Answer contact = sandbox.get("/contacts/does-not-exist");
        assertThat(contact.status()).isEqualTo(400);
        assertThat(contact.json().get("message").asText()).isEqualTo("Contact not found");
        String id = sandbox.createContact(Map.of("email", "n@example.com"));
        assertThat(sandbox.get("/contacts/" + id + "/notes/nope").json().get("message").asText()).isEqualTo("Note not found");
    }

    @Test
    void anOversizedBodyIs413() {
        String huge = "{\"locationId\":\"sandbox-location\",\"firstName\":\"" + "x".repeat(GhlSandbox.BODY_LIMIT_BYTES) + "\"}";
        SandboxHttp.Answer answer = sandbox.post("/contacts/", huge);
        assertThat(answer.status()).isEqualTo(413);
        assertThat(sandbox.ghl.location(LOCATION).contactCount()).isZero();
    }

    @Test
    void badControlInputIs400WithAReason() {
        SandboxHttp.Answer noId = sandbox.control("POST", "/locations", obj("name", "no id"));
        assertThat(noId.status()).isEqualTo(400);
        assertThat(noId.json().get("message").asText()).contains("id is required");
        SandboxHttp.Answer priority = sandbox.control("PUT", "/locations/" + LOCATION + "/duplicate-rule",
                obj("matchingPriority", List.of("fax")));
        assertThat(priority.status()).isEqualTo(400);
        assertThat(priority.json().get("message").asText()).contains("email", "phone");
        assertThat(sandbox.control("PUT", "/webhooks", obj("url", "ftp://x")).status()).isEqualTo(400);
        assertThat(sandbox.control("POST", "/tokens", obj("locationId", "nowhere")).status()).isEqualTo(404);
        assertThat(sandbox.control("POST", "/clock/advance", "[1,2]").status()).isEqualTo(400);
        assertThat(sandbox.control("POST", "/locations/" + LOCATION + "/seed", obj("contacts", -1)).status()).isEqualTo(400);
    }
}
