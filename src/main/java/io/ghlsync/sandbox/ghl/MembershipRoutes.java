package io.ghlsync.sandbox.ghl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.Router;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** What a contact belongs to: followers, campaigns, workflows, a business; and its appointments (read-only here). */
final class MembershipRoutes {

    void register(Router router, ApiGate gate) {
        gate.route(router, ApiOperation.BULK_BUSINESS, this::bulkBusiness);
    }

    void registerById(Router router, ApiGate gate) {
        gate.route(router, ApiOperation.GET_APPOINTMENTS, this::appointments);
        gate.route(router, ApiOperation.ADD_FOLLOWERS, call -> followers(call, true));
        gate.route(router, ApiOperation.REMOVE_FOLLOWERS, call -> followers(call, false));
        gate.route(router, ApiOperation.REMOVE_FROM_EVERY_CAMPAIGN, this::leaveAllCampaigns);
        gate.route(router, ApiOperation.ADD_TO_CAMPAIGN, this::joinCampaign);
        gate.route(router, ApiOperation.REMOVE_FROM_CAMPAIGN, this::leaveCampaign);
        gate.route(router, ApiOperation.ADD_TO_WORKFLOW, this::joinWorkflow);
        gate.route(router, ApiOperation.REMOVE_FROM_WORKFLOW, this::leaveWorkflow);
    }

    private void appointments(ApiCall call) {
        Contact contact = call.contact();
        ArrayNode events = Json.array();
        call.location().appointments().of(contact.id()).forEach(a -> events.add(a.toJson()));
        call.reply(200, ApiCall.wrap("events", events));
    }

    /** Add answers all followers and those newly added; remove answers the remaining ones and those removed. */
    private void followers(ApiCall call, boolean add) {
        JsonNode body = call.body(GhlDtos.FOLLOWERS);
        Contact before = call.contact();
        List<String> requested = TagSet.strings(body.get("followers"));
        Contact after = call.location().contacts().change(before.id(), c -> {
            LinkedHashSet<String> next = new LinkedHashSet<>(c.followers());
            if (add) {
                next.addAll(requested);
            } else {
                requested.forEach(next::remove);
            }
            return c.withFollowers(new ArrayList<>(next), call.now());
        }).orElseThrow(() -> GhlError.badRequest("Contact not found"));
        List<String> changed = new ArrayList<>();
        for (String follower : new LinkedHashSet<>(requested)) {
            if (add != before.followers().contains(follower)) {
                changed.add(follower);
            }
        }
        ObjectNode out = Json.object();
        out.set("followers", Json.array(after.followers()));
        out.set(add ? "followersAdded" : "followersRemoved", Json.array(changed));
        call.reply(add ? 201 : 200, out);
    }

    private void joinCampaign(ApiCall call) {
        call.body(GhlDtos.CAMPAIGN);
        Contact contact = call.contact();
        call.location().campaigns().computeIfAbsent(contact.id(), k -> ConcurrentHashMap.newKeySet()).add(call.path("campaignId"));
        call.reply(201, ApiCall.succeeded());
    }

    private void leaveCampaign(ApiCall call) {
        Contact contact = call.contact();
        call.location().campaigns().computeIfPresent(contact.id(), (k, set) -> {
            set.remove(call.path("campaignId"));
            return set.isEmpty() ? null : set;
        });
        call.reply(200, ApiCall.succeeded());
    }

    private void leaveAllCampaigns(ApiCall call) {
        Contact contact = call.contact();
        call.location().campaigns().remove(contact.id());
        call.reply(200, ApiCall.succeeded());
    }

    private void joinWorkflow(ApiCall call) {
        JsonNode body = call.body(GhlDtos.WORKFLOW);
        Contact contact = call.contact();
        String start = Json.text(body, "eventStartTime");
        call.location().workflows().computeIfAbsent(contact.id(), k -> new ConcurrentHashMap<>())
                .put(call.path("workflowId"), start == null ? "" : start);
        call.reply(200, ApiCall.succeeded());
    }

    private void leaveWorkflow(ApiCall call) {
        call.body(GhlDtos.WORKFLOW);
        Contact contact = call.contact();
        call.location().workflows().computeIfPresent(contact.id(), (k, map) -> {
            map.remove(call.path("workflowId"));
            return map.isEmpty() ? null : map;
        });
        call.reply(200, ApiCall.succeeded());
    }

    /** Sets (or, with a null businessId, clears) the business of many contacts; answers the ids it changed. */
    private void bulkBusiness(ApiCall call) {
        JsonNode body = call.body(GhlDtos.BULK_BUSINESS);
        call.requireLocation(Json.text(body, "locationId"));
        String businessId = Json.text(body, "businessId");
        List<String> ids = TagSet.strings(body.get("ids"));
        List<String> problems = new ArrayList<>();
        ids.stream().filter(id -> id.length() > 50).findFirst()
                .ifPresent(id -> problems.add("each value in ids must be shorter than or equal to 50 characters"));
        if (!problems.isEmpty()) {
            throw GhlError.unprocessable(problems);
        }
        List<String> updated = new ArrayList<>();
        for (String id : ids) {
            Contact before = call.location().contacts().get(id).orElse(null);
            if (before == null) {
                continue;
            }
            call.location().contacts().change(id, c -> c.withBusiness(businessId, call.now())).ifPresent(after -> {
                updated.add(id);
                call.webhooks().contactChanged(before, after);
            });
        }
        ObjectNode out = Json.object();
        out.put("success", true);
        out.set("ids", Json.array(updated));
        call.reply(200, out);
    }

    /** Campaign ids a contact is in (control API and tests). */
    static List<String> campaignsOf(SandboxLocation location, String contactId) {
        return List.copyOf(location.campaigns().getOrDefault(contactId, java.util.Set.of()));
    }

    static Map<String, String> workflowsOf(SandboxLocation location, String contactId) {
        return Map.copyOf(location.workflows().getOrDefault(contactId, Map.of()));
    }
}
