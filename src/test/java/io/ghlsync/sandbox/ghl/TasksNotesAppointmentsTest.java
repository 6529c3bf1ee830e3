package io.ghlsync.sandbox.ghl;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.ghlsync.sandbox.ghl.SandboxHttp.LOCATION;
import static io.ghlsync.sandbox.ghl.SandboxHttp.obj;
import static org.assertj.core.api.Assertions.assertThat;

/** A contact's tasks, notes, appointments and memberships, through the API, with the spec's wrappers and statuses. */
class TasksNotesAppointmentsTest extends SandboxTest {

    String contact;

    /** After {@link SandboxTest}'s reset: one contact to hang the records on. */
    @BeforeEach
    void createContact() {
        contact = sandbox.createContact(Map.of("firstName", "Crud", "email", "crud@example.com"));
    }

    @Test
    void tasksCanBeCreatedReadUpdatedCompletedAndDeleted() {
        String base = "/contacts/" + contact + "/tasks";
        SandboxHttp.Answer created = sandbox.post(base, obj("title", "Call back", "body", "about pricing",
                "dueDate", "2030-05-01T09:00:00-03:00", "completed", false, "assignedTo", "user-1"));
        assertThat(created.status()).isEqualTo(201);
        JsonNode task = created.json().get("task");
        String taskId = task.get("id").asText();
        assertThat(task.get("contactId").asText()).isEqualTo(contact);
        assertThat(task.get("dueDate").asText()).isEqualTo("2030-05-01T12:00:00.000Z");
        assertThat(task.get("completed").asBoolean()).isFalse();

        assertThat(sandbox.get(base).json().get("tasks")).hasSize(1);
        assertThat(sandbox.get(base + "/" + taskId).json().at("/task/title").asText()).isEqualTo("Call back");

        SandboxHttp.Answer updated = sandbox.put(base + "/" + taskId, obj("title", "Call back soon"));
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().at("/task/title").asText()).isEqualTo("Call back soon");
        assertThat(updated.json().at("/task/body").asText()).isEqualTo("about pricing");

        SandboxHttp.Answer completed = sandbox.put(base + "/" + taskId + "/completed", obj("completed", true));
        assertThat(completed.json().at("/task/completed").asBoolean()).isTrue();

        SandboxHttp.Answer deleted = sandbox.delete(base + "/" + taskId, null);
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().get("succeded").asBoolean()).isTrue();
        assertThat(sandbox.get(base).json().get("tasks")).isEmpty();
        assertThat(sandbox.get(base + "/" + taskId).status()).isEqualTo(400);
    }

    @Test
    void notesCanBeCreatedReadUpdatedAndDeleted() {
        String base = "/contacts/" + contact + "/notes";
        SandboxHttp.Answer created = sandbox.post(base, obj("body", "first contact", "userId", "user-1"));
        assertThat(created.status()).isEqualTo(201);
        String noteId = created.json().at("/note/id").asText();
        assertThat(created.json().at("/note/dateAdded").asText()).endsWith("Z");
        sandbox.post(base, obj("body", "second"));
        assertThat(sandbox.get(base).json().get("notes")).extracting(n -> n.get("body").asText())
                .containsExactly("first contact", "second");
        SandboxHttp.Answer updated = sandbox.put(base + "/" + noteId, obj("body", "edited", "pinned", true));
        assertThat(updated.json().at("/note/body").asText()).isEqualTo("edited");
        assertThat(updated.json().at("/note/pinned").asBoolean()).isTrue();
        assertThat(sandbox.get(base + "/" + noteId).json().at("/note/body").asText()).isEqualTo("edited");
        assertThat(sandbox.delete(base + "/" + noteId, null).json().get("succeded").asBoolean()).isTrue();
        assertThat(sandbox.get(base).json().get("notes")).hasSize(1);
    }

    @Test
    void appointmentsMadeThroughTheControlApiAreListedForTheContact() {
        SandboxHttp.Answer made = sandbox.control("POST", "/locations/" + LOCATION + "/appointments", obj("contactId", contact,
                "startTime", "2030-06-01T15:00:00Z", "endTime", "2030-06-01T15:30:00Z", "title", "Demo"));
        assertThat(made.status()).isEqualTo(201);
        JsonNode events = sandbox.get("/contacts/" + contact + "/appointments").json().get("events");
        assertThat(events).hasSize(1);
        assertThat(events.get(0).get("title").asText()).isEqualTo("Demo");
        assertThat(events.get(0).get("contactId").asText()).isEqualTo(contact);
        assertThat(sandbox.control("POST", "/locations/" + LOCATION + "/appointments", obj("contactId", contact)).status())
                .as("an appointment needs its times").isEqualTo(400);
    }

    @Test
    void followersCampaignsWorkflowsAndBusinessesAreKept() {
        SandboxHttp.Answer added = sandbox.post("/contacts/" + contact + "/followers", obj("followers", List.of("u1", "u2")));
        assertThat(added.status()).isEqualTo(201);
        assertThat(added.json().get("followersAdded")).hasSize(2);
        SandboxHttp.Answer again = sandbox.post("/contacts/" + contact + "/followers", obj("followers", List.of("u2", "u3")));
        assertThat(again.json().get("followersAdded")).extracting(JsonNode::asText).containsExactly("u3");
        SandboxHttp.Answer removed = sandbox.delete("/contacts/" + contact + "/followers", obj("followers", List.of("u1")));
        assertThat(removed.json().get("followers")).extracting(JsonNode::asText).containsExactly("u2", "u3");
        assertThat(removed.json().get("followersRemoved")).extracting(JsonNode::asText).containsExactly("u1");

        assertThat(sandbox.post("/contacts/" + contact + "/campaigns/c1", obj()).status()).isEqualTo(201);
        sandbox.post("/contacts/" + contact + "/campaigns/c2", obj());
        assertThat(MembershipRoutes.campaignsOf(sandbox.ghl.location(LOCATION), contact)).containsExactlyInAnyOrder("c1", "c2");
        sandbox.delete("/contacts/" + contact + "/campaigns/c1", null);
        assertThat(MembershipRoutes.campaignsOf(sandbox.ghl.location(LOCATION), contact)).containsExactly("c2");
        assertThat(sandbox.delete("/contacts/" + contact + "/campaigns/removeAll", null).json().get("succeded").asBoolean()).isTrue();
        assertThat(MembershipRoutes.campaignsOf(sandbox.ghl.location(LOCATION), contact)).isEmpty();

        assertThat(sandbox.post("/contacts/" + contact + "/workflow/w1", obj("eventStartTime", "2030-01-01T00:00:00+01:00")).status())
                .isEqualTo(200);
        assertThat(MembershipRoutes.workflowsOf(sandbox.ghl.location(LOCATION), contact)).containsKey("w1");
        sandbox.delete("/contacts/" + contact + "/workflow/w1", obj());
        assertThat(MembershipRoutes.workflowsOf(sandbox.ghl.location(LOCATION), contact)).isEmpty();

        SandboxHttp.Answer business = sandbox.post("/contacts/bulk/business", obj("locationId", LOCATION,
                "ids", List.of(contact, "unknown"), "businessId", "biz-1"));
        assertThat(business.status()).isEqualTo(200);
        assertThat(business.json().get("ids")).extracting(JsonNode::asText).containsExactly(contact);
        assertThat(sandbox.get("/contacts/" + contact).json().at("/contact/businessId").asText()).isEqualTo("biz-1");
        SandboxHttp.Answer cleared = sandbox.post("/contacts/bulk/business", SandboxHttp.MAPPER.createObjectNode()
                .put("locationId", LOCATION).putNull("businessId").set("ids", SandboxHttp.MAPPER.valueToTree(List.of(contact))));
        assertThat(cleared.status()).isEqualTo(200);
        assertThat(sandbox.get("/contacts/" + contact).json().at("/contact/businessId").isMissingNode()).isTrue();
    }

    @Test
    void deletingAContactTakesItsRecordsWithIt() {
        sandbox.post("/contacts/" + contact + "/tasks", obj("title", "t", "dueDate", "2030-01-01T00:00:00Z", "completed", false));
        sandbox.post("/contacts/" + contact + "/notes", obj("body", "n"));
        SandboxHttp.Answer deleted = sandbox.delete("/contacts/" + contact, null);
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().get("succeded").asBoolean()).isTrue();
        assertThat(sandbox.get("/contacts/" + contact).status()).isEqualTo(400);
        assertThat(sandbox.get("/contacts/" + contact + "/tasks").status()).isEqualTo(400);
        assertThat(sandbox.ghl.location(LOCATION).tasks().count()).isZero();
        assertThat(sandbox.ghl.location(LOCATION).notes().count()).isZero();
    }

    @Test
    void contactFieldsAreStoredAsGhlAnswersThem() {
        SandboxHttp.Answer created = sandbox.post("/contacts/", obj("locationId", LOCATION, "firstName", "Rosa", "lastName", "Diaz",
                "email", " Rosa@Example.com ", "phone", "+54 (341) 555-0000", "dateOfBirth", "1990-09-25",
                "customFields", List.of(Map.of("key", "lead_source", "field_value", "web"))));
        assertThat(created.status()).isEqualTo(201);
        JsonNode contact = created.json().get("contact");
        assertThat(contact.get("phone").asText()).isEqualTo("+543415550000");
        assertThat(contact.get("email").asText()).isEqualTo("Rosa@Example.com");
        assertThat(contact.get("emailLowerCase").asText()).isEqualTo("rosa@example.com");
        assertThat(contact.get("dateOfBirth").asText()).isEqualTo("1990-09-25T00:00:00.000Z");
        assertThat(contact.get("birthMonth").asInt()).isEqualTo(9);
        String fieldId = sandbox.control("GET", "/locations/" + LOCATION + "/custom-fields", null).json().get("lead_source").asText();
        assertThat(contact.at("/customFields/0/id").asText()).isEqualTo(fieldId);
        assertThat(contact.at("/customFields/0/value").asText()).isEqualTo("web");

        JsonNode updated = sandbox.put("/contacts/" + contact.get("id").asText(), obj("city", "Rosario", "lastName", null)).json();
        assertThat(updated.get("succeded").asBoolean()).isTrue();
        assertThat(updated.at("/contact/city").asText()).isEqualTo("Rosario");
        assertThat(updated.at("/contact/lastName").isMissingNode()).as("null clears a field").isTrue();
        assertThat(updated.at("/contact/firstName").asText()).isEqualTo("Rosa");
    }
}
