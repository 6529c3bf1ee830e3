package io.ghlsync.sandbox.ghl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * POST /contacts/search, the successor of the list endpoint. The spec leaves its body and answer undocumented; the
 * sandbox follows GHL's public search docs for the common part: {@code filters} ({@code {field, operator, value}} or
 * {@code {group: AND|OR, filters}}) on email, phone, tags, businessId and a few name fields, {@code page}/{@code pageLimit}
 * capped at 10,000 results, {@code searchAfter} for deeper paging, and {@code sort} on dateAdded. Answers
 * {@code {"contacts": [...], "total": n}}, each contact with its {@code searchAfter} cursor.
 */
final class ContactSearch {

    /** GHL's search index answers at most this many results by page number; deeper needs searchAfter. */
    static final int RESULT_CAP = 10_000;
    static final int MAX_PAGE_LIMIT = 500;

    private ContactSearch() {
    }

    static void run(ApiCall call) {
        JsonNode body = call.body(GhlDtos.SEARCH);
        call.requireLocation(Json.text(body, "locationId"));
        ContactBook book = call.location().contacts();

        int pageLimit = body.has("pageLimit") ? body.get("pageLimit").asInt() : 20;
        int page = body.has("page") ? body.get("page").asInt() : 1;
        if (pageLimit < 1 || pageLimit > MAX_PAGE_LIMIT) {
            throw GhlError.badRequest("pageLimit must be between 1 and " + MAX_PAGE_LIMIT);
        }
        if (page < 1) {
            throw GhlError.badRequest("page must be 1 or more");
        }
        boolean descending = descending(body.get("sort"));
        ContactBook.SortKey after = searchAfter(body.get("searchAfter"));
        if (after == null && (long) page * pageLimit > RESULT_CAP) {
            throw GhlError.badRequest("Search results are capped at " + RESULT_CAP
                    + " by page; use searchAfter to read further");
        }
        Predicate<Contact> filter = all(body.get("filters"));
        String query = Json.text(body, "query");
        if (query != null) {
            filter = filter.and(c -> c.matchesQuery(query));
        }
        Predicate<Contact> matching = filter;
        long total = book.inOrder().filter(matching).count();
        Stream<Contact> ordered = book.from(after, descending).filter(matching);
        if (after == null) {
            ordered = ordered.skip((long) (page - 1) * pageLimit);
        }
        ArrayNode contacts = Json.array();
        ordered.limit(pageLimit).forEach(c -> {
            ObjectNode listed = c.listed();
            listed.putArray("searchAfter").add(c.dateAdded()).add(c.id());
            contacts.add(listed);
        });
        ObjectNode out = Json.object();
        out.set("contacts", contacts);
        out.put("total", total);
        call.reply(200, out);
    }

    private static boolean descending(JsonNode sort) {
        if (sort == null || sort.isNull() || sort.isEmpty()) {
            return false;
        }
        JsonNode first = sort.get(0);
        String field = Json.text(first, "field");
        if (!"dateAdded".equals(field) || sort.size() > 1) {
            throw GhlError.badRequest("the sandbox sorts by dateAdded only, not " + sort);
        }
        String direction = Json.text(first, "direction");
        if (direction != null && !direction.equalsIgnoreCase("asc") && !direction.equalsIgnoreCase("desc")) {
            throw GhlError.badRequest("sort direction must be asc or desc");
        }
        return "desc".equalsIgnoreCase(direction);
    }

    private static ContactBook.SortKey searchAfter(JsonNode value) {
        if (value == null || value.isNull() || value.isEmpty()) {
            return null;
        }
        if (value.size() != 2 || !value.get(0).isNumber() || !value.get(1).isTextual()) {
            throw GhlError.badRequest("searchAfter must be the [dateAdded, id] pair of the last contact of the previous page");
        }
        return new ContactBook.SortKey(value.get(0).asLong(), value.get(1).asText());
    }

    private static Predicate<Contact> all(JsonNode filters) {
        if (filters == null || filters.isNull()) {
            return c -> true;
        }
        List<Predicate<Contact>> parts = new ArrayList<>();
        filters.forEach(f -> parts.add(filter(f)));
        return c -> parts.stream().allMatch(p -> p.test(c));
    }

    private static Predicate<Contact> filter(JsonNode node) {
        if (!node.isObject()) {
            throw GhlError.badRequest("each filter must be an object");
        }
        if (node.has("group")) {
            String group = node.path("group").asText();
            List<Predicate<Contact>> parts = new ArrayList<>();
            node.path("filters").forEach(f -> parts.add(filter(f)));
            return switch (group.toUpperCase(Locale.ROOT)) {
                case "AND" -> c -> parts.stream().allMatch(p -> p.test(c));
                case "OR" -> c -> parts.stream().anyMatch(p -> p.test(c));
                default -> throw GhlError.badRequest("filter group must be AND or OR, not " + group);
            };
        }
        String field = Json.text(node, "field");
        String operator = Json.text(node, "operator");
        JsonNode value = node.get("value");
        if (field == null || operator == null) {
            throw GhlError.badRequest("a filter needs field and operator");
        }
        if (field.equals("tags")) {
            return tagFilter(operator, value);
        }
        if (field.equals("dateAdded") && operator.equals("range")) {
            return rangeFilter(value);
        }
        java.util.function.Function<Contact, String> read = reader(field);
        boolean caseless = !field.equals("id") && !field.equals("businessId");
        String wanted = value == null || value.isNull() ? null : field.equals("phone") ? phoneOrRaw(value.asText()) : value.asText();
        return switch (operator) {
            case "eq" -> c -> equal(read.apply(c), wanted, caseless);
            case "not_eq" -> c -> !equal(read.apply(c), wanted, caseless);
            case "contains" -> c -> contains(read.apply(c), wanted);
            case "not_contains" -> c -> !contains(read.apply(c), wanted);
            case "exists" -> c -> read.apply(c) != null;
            case "not_exists" -> c -> read.apply(c) == null;
            default -> throw GhlError.badRequest("operator " + operator + " is not supported on " + field + " by the sandbox");
        };
    }

    private static java.util.function.Function<Contact, String> reader(String field) {
        return switch (field) {
            case "id" -> Contact::id;
            case "email" -> Contact::email;
            case "phone" -> Contact::phone;
            case "businessId" -> Contact::businessId;
            case "firstName", "firstNameLowerCase" -> c -> c.field("firstName");
            case "lastName", "lastNameLowerCase" -> c -> c.field("lastName");
            case "companyName", "source", "assignedTo", "country", "city", "state", "postalCode" -> c -> c.field(field);
            case "dnd" -> c -> Boolean.toString(c.dnd());
            default -> throw GhlError.badRequest("filtering on " + field + " is not supported by the sandbox");
        };
    }

    /** tags eq/contains: the contact has the tag (a list value: any of them); not_eq/not_contains: it has none of them. */
    private static Predicate<Contact> tagFilter(String operator, JsonNode value) {
        List<String> wanted = value == null ? List.of() : value.isArray() ? TagSet.strings(value) : List.of(value.asText());
        Predicate<Contact> hasAny = c -> wanted.stream().anyMatch(t -> c.tags().contains(t));
        return switch (operator) {
            case "eq", "contains" -> hasAny;
            case "not_eq", "not_contains" -> hasAny.negate();
            case "exists" -> c -> !c.tags().values().isEmpty();
            case "not_exists" -> c -> c.tags().values().isEmpty();
            default -> throw GhlError.badRequest("operator " + operator + " is not supported on tags by the sandbox");
        };
    }

    private static Predicate<Contact> rangeFilter(JsonNode value) {
        if (value == null || !value.isObject()) {
            throw GhlError.badRequest("a range filter needs {gt|gte|lt|lte}");
        }
        Long gt = instant(value.get("gt"));
        Long gte = instant(value.get("gte"));
        Long lt = instant(value.get("lt"));
        Long lte = instant(value.get("lte"));
        return c -> (gt == null || c.dateAdded() > gt) && (gte == null || c.dateAdded() >= gte)
                && (lt == null || c.dateAdded() < lt) && (lte == null || c.dateAdded() <= lte);
    }

    private static Long instant(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isNumber()) {
            return value.asLong();
        }
        try {
            return OffsetDateTime.parse(value.asText()).toInstant().toEpochMilli();
        } catch (java.time.format.DateTimeParseException e) {
            throw GhlError.badRequest("range bounds must be epoch milliseconds or ISO-8601, not " + value.asText());
        }
    }

    private static String phoneOrRaw(String raw) {
        String e164 = PhoneNumber.e164(raw);
        return e164 == null ? raw : e164;
    }

    private static boolean equal(String actual, String wanted, boolean caseless) {
        if (actual == null || wanted == null) {
            return actual == null && wanted == null;
        }
        return caseless ? actual.equalsIgnoreCase(wanted) : actual.equals(wanted);
    }

    private static boolean contains(String actual, String wanted) {
        return actual != null && wanted != null && actual.toLowerCase(Locale.ROOT).contains(wanted.toLowerCase(Locale.ROOT));
    }
}
