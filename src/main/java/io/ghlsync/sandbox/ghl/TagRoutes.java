package io.ghlsync.sandbox.ghl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.Router;

import java.util.List;
import java.util.Optional;

/**
 * Tags without overwriting: add to one contact, remove from one contact, and add/remove for many contacts at once
 * (the bulk endpoint, whose {@code {type}} path parameter the spec forgets to declare). Changes fire ContactTagUpdate.
 */
final class TagRoutes {

    void register(Router router, ApiGate gate) {
        gate.route(router, ApiOperation.BULK_TAGS, this::bulk);
    }

    void registerById(Router router, ApiGate gate) {
        gate.route(router, ApiOperation.ADD_TAGS, call -> single(call, true));
        gate.route(router, ApiOperation.REMOVE_TAGS, call -> single(call, false));
    }

    private void single(ApiCall call, boolean add) {
        JsonNode body = call.body(GhlDtos.TAGS);
        Contact before = call.contact();
        List<String> tags = TagSet.strings(body.get("tags"));
        Contact after = call.location().contacts()
                .change(before.id(), c -> c.withTags(add ? c.tags().plus(tags) : c.tags().minus(tags), call.now()))
                .orElseThrow(() -> GhlError.badRequest("Contact not found"));
        call.webhooks().contactChanged(before, after);
        call.reply(add ? 201 : 200, ApiCall.wrap("tags", Json.array(after.tags().values())));
    }

    /**
     * Per contact, a response entry like the spec's example ({@code contactId, message, type, oldTags, tagsAdded,
     * tagsRemoved}); {@code succeded} is true only when every contact was updated, and errorCount counts the rest.
     */
    private void bulk(ApiCall call) {
        String type = call.path("type");
        if (!"add".equals(type) && !"remove".equals(type)) {
            throw GhlError.invalid(call.operation(), List.of("type must be one of the following values: add, remove"));
        }
        JsonNode body = call.body(GhlDtos.BULK_TAGS);
        call.requireLocation(Json.text(body, "locationId"));
        boolean add = type.equals("add");
        boolean removeAll = !add && body.path("removeAllTags").asBoolean(false);
        List<String> tags = TagSet.strings(body.get("tags"));
        if (tags.isEmpty() && !removeAll) {
            throw GhlError.invalid(call.operation(), List.of("tags should not be empty"));
        }
        ArrayNode responses = Json.array();
        int errors = 0;
        for (String contactId : TagSet.strings(body.get("contacts"))) {
            ObjectNode entry = responses.addObject();
            entry.put("contactId", contactId);
            Optional<Contact> before = call.location().contacts().get(contactId);
            if (before.isEmpty()) {
                entry.put("message", "contact not found in this location");
                entry.put("type", "error");
                errors++;
                continue;
            }
            Contact after = call.location().contacts().change(contactId, c -> c.withTags(
                    add ? c.tags().plus(tags) : removeAll ? TagSet.EMPTY : c.tags().minus(tags), call.now())).orElse(null);
            if (after == null) {
                entry.put("message", "contact is deleted");
                entry.put("type", "error");
                errors++;
                continue;
            }
            call.webhooks().contactChanged(before.get(), after);
            entry.put("message", "Tags updated");
            entry.put("type", "success");
            entry.set("oldTags", Json.array(before.get().tags().values()));
            entry.set("tagsAdded", Json.array(before.get().tags().missingFrom(after.tags())));
            entry.set("tagsRemoved", Json.array(after.tags().missingFrom(before.get().tags())));
        }
        ObjectNode out = Json.object();
        out.put("succeded", errors == 0);
        out.put("errorCount", errors);
        out.set("responses", responses);
        call.reply(201, out);
    }
}
