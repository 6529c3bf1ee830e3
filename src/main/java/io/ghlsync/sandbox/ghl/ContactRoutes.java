package io.ghlsync.sandbox.ghl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.Router;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

/** The contact operations: create, get, update, delete, upsert, the deprecated list, duplicate lookup, list by business. */
final class ContactRoutes {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;

    void register(Router router, ApiGate gate) {
        gate.route(router, ApiOperation.SEARCH_CONTACTS, ContactSearch::run);
        gate.route(router, ApiOperation.GET_DUPLICATE_CONTACT, this::duplicate);
        gate.route(router, ApiOperation.UPSERT_CONTACT, this::upsert);
        gate.route(router, ApiOperation.GET_CONTACTS_BY_BUSINESS, this::byBusiness);
        gate.route(router, ApiOperation.GET_CONTACTS, this::list);
        gate.route(router, ApiOperation.CREATE_CONTACT, this::create);
    }

    /** Registered last: {@code /contacts/:contactId} would otherwise catch the literal sub-paths. */
    void registerById(Router router, ApiGate gate) {
        gate.route(router, ApiOperation.GET_CONTACT, call -> call.reply(200, ApiCall.wrap("contact", call.contact().full())));
        gate.route(router, ApiOperation.UPDATE_CONTACT, this::update);
        gate.route(router, ApiOperation.DELETE_CONTACT, this::delete);
    }

    private void create(ApiCall call) {
        JsonNode body = call.body(GhlDtos.CREATE_CONTACT);
        call.requireLocation(Json.text(body, "locationId"));
        SandboxLocation location = call.location();
        ContactInput input = ContactInput.from(body, location.customFields());
        Contact contact = location.contacts().create(input, location.duplicateRule(), call.now());
        call.webhooks().contactCreated(contact);
        call.reply(201, ApiCall.wrap("contact", contact.created()));
    }

    private void update(ApiCall call) {
        JsonNode body = call.body(GhlDtos.UPDATE_CONTACT);
        Contact before = call.contact();
        SandboxLocation location = call.location();
        ContactInput input = ContactInput.from(body, location.customFields());
        Contact after = location.contacts().update(before, input, location.duplicateRule(), call.now());
        call.webhooks().contactChanged(before, after);
        ObjectNode out = ApiCall.succeeded();
        out.set("contact", after.full());
        call.reply(200, out);
    }

    private void delete(ApiCall call) {
        Contact contact = call.contact();
        call.location().deleteContact(contact.id()).ifPresent(call.webhooks()::contactDeleted);
        call.reply(200, ApiCall.succeeded());
    }

    private void upsert(ApiCall call) {
        JsonNode body = call.body(GhlDtos.UPSERT_CONTACT);
        call.requireLocation(Json.text(body, "locationId"));
        SandboxLocation location = call.location();
        ContactInput input = ContactInput.from(body, location.customFields());
        ContactBook.Upserted result = location.contacts().upsert(input, location.duplicateRule(),
                body.path("createNewIfDuplicateAllowed").asBoolean(false), call.now());
        if (result.created()) {
            call.webhooks().contactCreated(result.after());
        } else {
            call.webhooks().contactChanged(result.before(), result.after());
        }
        ObjectNode out = Json.object();
        out.put("new", result.created());
        out.set("contact", result.after().full());
        out.put("traceId", UUID.randomUUID().toString());
        call.reply(200, out);
    }

    /**
     * GET /contacts/search/duplicate: the contact the location's rule would match, trying its fields in priority order
     * (the spec: email first, then phone, unless configured otherwise). The spec gives the 200 no schema; we answer
     * {@code {"contact": {...}}}, or {@code {"contact": null}} when nothing matches.
     */
    private void duplicate(ApiCall call) {
        call.requireLocation(call.query("locationId"));
        String email = blankToNull(call.query("email"));
        String number = blankToNull(call.query("number"));
        if (email == null && number == null) {
            throw GhlError.badRequest("Send email or number to look for a duplicate");
        }
        String phone = number == null ? null : PhoneNumber.e164(number);
        if (number != null && phone == null) {
            throw GhlError.badRequest("number must be a phone number in E.164 format (URL-encode the +)");
        }
        SandboxLocation location = call.location();
        DuplicateRule rule = location.duplicateRule();
        ObjectNode out = Json.object();
        location.contacts().findMatch(rule, email, phone, null)
                .ifPresentOrElse(match -> out.set("contact", match.contact().full()), () -> out.putNull("contact"));
        call.reply(200, out);
    }

    /** GET /contacts/business/{businessId}: the contacts of one business, with limit/skip (strings in the spec). */
    private void byBusiness(ApiCall call) {
        call.requireLocation(call.query("locationId"));
        String businessId = call.path("businessId");
        int limit = intParam(call, "limit", 25, 1, MAX_LIMIT);
        int skip = intParam(call, "skip", 0, 0, Integer.MAX_VALUE);
        String query = call.query("query");
        Predicate<Contact> filter = c -> businessId.equals(c.businessId()) && c.matchesQuery(query);
        List<Contact> matching = call.location().contacts().inOrder().filter(filter).toList();
        ArrayNode contacts = Json.array();
        matching.stream().skip(skip).limit(limit).forEach(c -> contacts.add(c.listed()));
        ObjectNode out = Json.object();
        out.set("contacts", contacts);
        out.put("count", matching.size());
        call.reply(200, out);
    }

    /**
     * GET /contacts/ (deprecated, still the simple way to page): ordered by dateAdded, then id, ascending, so a
     * backfill that follows {@code startAfter}+{@code startAfterId} sees every contact once, and contacts added during
     * the backfill arrive at its end. {@code meta} carries the cursor of the last contact of the page.
     */
    private void list(ApiCall call) {
        call.requireLocation(call.query("locationId"));
        int limit = intParam(call, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        String query = blankToNull(call.query("query"));
        String startAfterId = blankToNull(call.query("startAfterId"));
        Long startAfter = longParam(call, "startAfter");
        ContactBook book = call.location().contacts();
        ContactBook.SortKey cursor = null;
        if (startAfterId != null && startAfter != null) {
            // both given: resume exactly there, even if that contact has been deleted meanwhile
            cursor = new ContactBook.SortKey(startAfter, startAfterId);
        } else if (startAfterId != null) {
            cursor = book.get(startAfterId).map(Contact::sortKey)
                    .orElseThrow(() -> GhlError.badRequest("startAfterId " + startAfterId + " is not a contact of this location; send startAfter too"));
        } else if (startAfter != null) {
            cursor = new ContactBook.SortKey(startAfter, "\uffff");
        }
        Predicate<Contact> filter = c -> c.matchesQuery(query);
        List<Contact> page = book.after(cursor, filter, limit + 1);
        boolean more = page.size() > limit;
        if (more) {
            page = page.subList(0, limit);
        }
        long total = query == null ? book.size() : book.inOrder().filter(filter).count();
        long before = cursor == null ? 0 : book.countUpTo(cursor, filter);
        long currentPage = before / limit + 1;

        ArrayNode contacts = Json.array();
        page.forEach(c -> contacts.add(c.listed()));
        ObjectNode meta = Json.object();
        meta.put("total", total);
        if (!page.isEmpty()) {
            Contact last = page.get(page.size() - 1);
            meta.put("startAfterId", last.id());
            meta.put("startAfter", last.dateAdded());
            if (more) {
                meta.put("nextPageUrl", nextPageUrl(call, last, limit, query));
            }
        }
        meta.put("currentPage", currentPage);
        if (more) {
            meta.put("nextPage", currentPage + 1);
        }
        if (currentPage > 1) {
            meta.put("prevPage", currentPage - 1);
        } else {
            meta.putNull("prevPage");
        }
        ObjectNode out = Json.object();
        out.set("contacts", contacts);
        out.put("count", page.size());
        out.set("meta", meta);
        call.reply(200, out);
    }

    private static String nextPageUrl(ApiCall call, Contact last, int limit, String query) {
        String host = call.context().request().getHeader("Host");
        String mount = call.context().mountPoint() == null ? "" : call.context().mountPoint();
        if (mount.endsWith("/")) {
            mount = mount.substring(0, mount.length() - 1);
        }
        StringBuilder url = new StringBuilder("http://").append(host == null ? "localhost" : host).append(mount)
                .append("/contacts/?locationId=").append(encode(last.locationId()))
                .append("&startAfter=").append(last.dateAdded())
                .append("&startAfterId=").append(encode(last.id()))
                .append("&limit=").append(limit);
        if (query != null) {
            url.append("&query=").append(encode(query));
        }
        return url.toString();
    }

    static int intParam(ApiCall call, String name, int fallback, int min, int max) {
        String raw = call.query(name);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        int value;
        try {
            value = (int) Double.parseDouble(raw.trim());
        } catch (NumberFormatException e) {
            throw GhlError.invalid(call.operation(), List.of(name + " must be a number conforming to the specified constraints"));
        }
        if (value < min) {
            throw GhlError.invalid(call.operation(), List.of(name + " must not be less than " + min));
        }
        if (value > max) {
            throw GhlError.invalid(call.operation(), List.of(name + " must not be greater than " + max));
        }
        return value;
    }

    private static Long longParam(ApiCall call, String name) {
        String raw = blankToNull(call.query(name));
        if (raw == null) {
            return null;
        }
        try {
            return (long) Double.parseDouble(raw.trim());
        } catch (NumberFormatException e) {
            throw GhlError.invalid(call.operation(), List.of(name + " must be a number (a dateAdded in epoch milliseconds)"));
        }
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
