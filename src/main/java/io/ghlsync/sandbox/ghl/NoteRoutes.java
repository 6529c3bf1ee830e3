package io.ghlsync.sandbox.ghl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.vertx.ext.web.Router;

/** A contact's notes: list, create, get, update, delete; fires NoteCreate, NoteUpdate, NoteDelete. */
final class NoteRoutes {

    void register(Router router, ApiGate gate) {
        gate.route(router, ApiOperation.GET_ALL_NOTES, this::list);
        gate.route(router, ApiOperation.CREATE_NOTE, this::create);
        gate.route(router, ApiOperation.GET_NOTE, call -> call.reply(200, ApiCall.wrap("note", note(call).toJson())));
        gate.route(router, ApiOperation.UPDATE_NOTE, this::update);
        gate.route(router, ApiOperation.DELETE_NOTE, this::delete);
    }

    private void list(ApiCall call) {
        Contact contact = call.contact();
        ArrayNode notes = Json.array();
        call.location().notes().of(contact.id()).forEach(n -> notes.add(n.toJson()));
        call.reply(200, ApiCall.wrap("notes", notes));
    }

    private void create(ApiCall call) {
        JsonNode body = call.body(GhlDtos.CREATE_NOTE);
        Contact contact = call.contact();
        Note note = Note.create(call.location().id(), contact.id(), body, call.now());
        call.location().notes().put(contact.id(), note);
        call.webhooks().publish(note.event("NoteCreate"));
        call.reply(201, ApiCall.wrap("note", note.toJson()));
    }

    private void update(ApiCall call) {
        JsonNode body = call.body(GhlDtos.UPDATE_NOTE);
        Note before = note(call);
        Note after = call.location().notes().change(before.contactId(), before.id(), n -> n.update(body))
                .orElseThrow(() -> GhlError.badRequest("Note not found"));
        call.webhooks().publish(after.event("NoteUpdate"));
        call.reply(200, ApiCall.wrap("note", after.toJson()));
    }

    private void delete(ApiCall call) {
        Note note = note(call);
        call.location().notes().remove(note.contactId(), note.id())
                .ifPresent(removed -> call.webhooks().publish(removed.event("NoteDelete")));
        call.reply(200, ApiCall.succeeded());
    }

    private static Note note(ApiCall call) {
        Contact contact = call.contact();
        return call.location().notes().get(contact.id(), call.path("id")).orElseThrow(() -> GhlError.badRequest("Note not found"));
    }
}
