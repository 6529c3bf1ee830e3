package io.ghlsync.sandbox.ghl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One contact, immutable: a change makes a new instance, so readers on other event loops never see half an update
 * and need no lock. Renders the spec's views (get, create, list, webhook event) from one set of stored fields.
 */
final class Contact {

    /** The plain fields a request may set, stored under the names GHL answers with. */
    static final List<String> PLAIN_FIELDS = List.of("firstName", "lastName", "name", "email", "phone", "gender", "address1",
            "city", "state", "postalCode", "website", "timezone", "dnd", "dndSettings", "inboundDndSettings", "source",
            "dateOfBirth", "country", "companyName", "assignedTo", "businessId");

    /** The properties of the spec's GetContectByIdSchema: get/update/upsert answers carry exactly these. */
    private static final java.util.Set<String> GET_VIEW = java.util.Set.of("id", "name", "locationId", "firstName", "lastName",
            "email", "emailLowerCase", "timezone", "companyName", "phone", "dnd", "dndSettings", "type", "source", "assignedTo",
            "address1", "city", "state", "country", "postalCode", "website", "tags", "dateOfBirth", "dateAdded", "dateUpdated",
            "attachments", "ssn", "keyword", "firstNameLowerCase", "fullNameLowerCase", "lastNameLowerCase", "lastActivity",
            "customFields", "businessId", "attributionSource", "lastAttributionSource", "visitorId");

    /** The properties of the spec's CreateContactSchema (no name, no timezone: the spec's create answer has neither). */
    private static final java.util.Set<String> CREATE_VIEW = java.util.Set.of("id", "dateAdded", "dateUpdated", "deleted", "tags",
            "type", "customFields", "locationId", "firstName", "firstNameLowerCase", "fullNameLowerCase", "lastName",
            "lastNameLowerCase", "email", "emailLowerCase", "bounceEmail", "unsubscribeEmail", "dnd", "dndSettings", "phone",
            "address1", "city", "state", "country", "postalCode", "website", "source", "companyName", "dateOfBirth", "birthMonth",
            "birthDay", "lastSessionActivityAt", "offers", "products", "businessId", "assignedTo");

    private final String id;
    private final String locationId;
    private final long dateAdded;
    private final long dateUpdated;
    private final ObjectNode fields;
    private final TagSet tags;
    private final Map<String, JsonNode> customFields;
    private final List<String> followers;

    Contact(String id, String locationId, long dateAdded, long dateUpdated, ObjectNode fields, TagSet tags,
            Map<String, JsonNode> customFields, List<String> followers) {
        this.id = id;
        this.locationId = locationId;
        this.dateAdded = dateAdded;
        this.dateUpdated = dateUpdated;
        this.fields = fields;
        this.tags = tags;
        this.customFields = Collections.unmodifiableMap(new LinkedHashMap<>(customFields));
        this.followers = List.copyOf(followers);
    }

    static Contact create(String id, String locationId, long now, ContactInput input) {
        Contact blank = new Contact(id, locationId, now, now, Json.object(), TagSet.EMPTY, Map.of(), List.of());
        return blank.apply(input, now);
    }

    /** This contact with {@code input} applied: set fields replace, JSON nulls clear, tags replace, custom fields merge by id. */
    Contact apply(ContactInput input, long now) {
        ObjectNode next = fields.deepCopy();
        input.fields().fields().forEachRemaining(e -> {
            if (e.getValue().isNull()) {
                next.remove(e.getKey());
            } else {
                next.set(e.getKey(), e.getValue());
            }
        });
        Map<String, JsonNode> nextCustom = new LinkedHashMap<>(customFields);
        input.customFields().forEach((fieldId, value) -> {
            if (value == null || value.isNull()) {
                nextCustom.remove(fieldId);
            } else {
                nextCustom.put(fieldId, value);
            }
        });
        return new Contact(id, locationId, dateAdded, now, next, input.tags() == null ? tags : input.tags(), nextCustom, followers);
    }

    Contact withTags(TagSet nextTags, long now) {
        return new Contact(id, locationId, dateAdded, now, fields, nextTags, customFields, followers);
    }

    Contact withFollowers(List<String> nextFollowers, long now) {
        return new Contact(id, locationId, dateAdded, now, fields, tags, customFields, nextFollowers);
    }

    Contact withBusiness(String businessId, long now) {
        ObjectNode next = fields.deepCopy();
        if (businessId == null) {
            next.remove("businessId");
        } else {
            next.put("businessId", businessId);
        }
        return new Contact(id, locationId, dateAdded, now, next, tags, customFields, followers);
    }

    String id() {
        return id;
    }

    String locationId() {
        return locationId;
    }

    long dateAdded() {
        return dateAdded;
    }

    ContactBook.SortKey sortKey() {
        return new ContactBook.SortKey(dateAdded, id);
    }

    String email() {
        return Json.text(fields, "email");
    }

    /** The lower-cased email, the form duplicates are matched on. */
    String emailKey() {
        String email = email();
        return email == null ? null : email.toLowerCase(Locale.ROOT);
    }

    String phone() {
        return Json.text(fields, "phone");
    }

    String businessId() {
        return Json.text(fields, "businessId");
    }

    String field(String name) {
        return Json.text(fields, name);
    }

    boolean dnd() {
        return fields.path("dnd").asBoolean(false);
    }

    JsonNode dndSettings() {
        return fields.get("dndSettings");
    }

    TagSet tags() {
        return tags;
    }

    List<String> followers() {
        return followers;
    }

    String displayName() {
        String first = field("firstName");
        String last = field("lastName");
        String joined = ((first == null ? "" : first) + " " + (last == null ? "" : last)).trim();
        if (!joined.isEmpty()) {
            return joined;
        }
        return field("name");
    }

    /** True when the query appears in the name, email, phone or company (GHL's free-text contact query). */
    boolean matchesQuery(String query) {
        if (query == null || query.isBlank()) {
            return true;
        }
        String needle = query.trim().toLowerCase(Locale.ROOT);
        for (String value : new String[] {displayName(), email(), phone(), field("companyName")}) {
            if (value != null && value.toLowerCase(Locale.ROOT).contains(needle)) {
                return true;
            }
        }
        return false;
    }

    /** GetContectByIdSchema (get, update, upsert answers). Absent fields stay absent: the schemas allow no nulls. */
    ObjectNode full() {
        ObjectNode out = everything();
        out.retain(GET_VIEW);
        return out;
    }

    /** Every stored field, rendered: the superset the views are cut from. */
    private ObjectNode everything() {
        ObjectNode out = Json.object();
        out.put("id", id);
        Json.putIfPresent(out, "name", displayName());
        out.put("locationId", locationId);
        for (String name : PLAIN_FIELDS) {
            if (!name.equals("name") && fields.has(name)) {
                out.set(name, fields.get(name).deepCopy());
            }
        }
        if (!fields.has("dnd")) {
            out.put("dnd", false);
        }
        String email = email();
        if (email != null) {
            out.put("emailLowerCase", email.toLowerCase(Locale.ROOT));
        }
        String first = field("firstName");
        String last = field("lastName");
        if (first != null) {
            out.put("firstNameLowerCase", first.toLowerCase(Locale.ROOT));
        }
        if (last != null) {
            out.put("lastNameLowerCase", last.toLowerCase(Locale.ROOT));
        }
        String name = displayName();
        if (name != null) {
            out.put("fullNameLowerCase", name.toLowerCase(Locale.ROOT));
        }
        out.put("type", "lead");
        out.set("tags", Json.array(tags.values()));
        out.set("customFields", customFieldsJson());
        out.put("dateAdded", SandboxClock.iso(dateAdded));
        out.put("dateUpdated", SandboxClock.iso(dateUpdated));
        out.set("followers", Json.array(followers));
        return out;
    }

    /** CreateContactSchema (create answer): the full view plus the flags a new contact starts with. */
    ObjectNode created() {
        ObjectNode out = everything();
        out.put("deleted", false);
        out.put("bounceEmail", false);
        out.put("unsubscribeEmail", false);
        out.set("offers", Json.array());
        out.set("products", Json.array());
        String birth = field("dateOfBirth");
        if (birth != null && birth.length() >= 10) {
            out.put("birthMonth", Integer.parseInt(birth.substring(5, 7)));
            out.put("birthDay", Integer.parseInt(birth.substring(8, 10)));
        }
        out.retain(CREATE_VIEW);
        return out;
    }

    /**
     * ContactsSearchSchema (list and search answers). That schema names only a dozen properties, but GHL's lists carry
     * the contact's names, phone, DND and the rest, and a backfill needs them (one GET per contact would spend the rate
     * budget 100 times over); so every field is kept, a departure listed among the sandbox's spec exceptions.
     */
    ObjectNode listed() {
        return everything();
    }

    /** The Contact* webhook body of docs/webhook-events (without timestamp and webhookId, which the publisher adds). */
    ObjectNode event(String type) {
        ObjectNode out = Json.object();
        out.put("type", type);
        out.put("locationId", locationId);
        out.put("id", id);
        for (String name : List.of("address1", "city", "state", "companyName", "country", "source")) {
            Json.putIfPresent(out, name, field(name));
        }
        out.put("dateAdded", SandboxClock.iso(dateAdded));
        Json.putIfPresent(out, "dateOfBirth", field("dateOfBirth"));
        out.put("dnd", dnd());
        if ("ContactDndUpdate".equals(type)) {
            Json.setIfPresent(out, "dndSettings", dndSettings());
        }
        Json.putIfPresent(out, "email", email());
        Json.putIfPresent(out, "name", displayName());
        for (String name : List.of("firstName", "lastName", "phone", "postalCode")) {
            Json.putIfPresent(out, name, field(name));
        }
        out.set("tags", Json.array(tags.values()));
        Json.putIfPresent(out, "website", field("website"));
        out.set("attachments", Json.array());
        Json.putIfPresent(out, "assignedTo", field("assignedTo"));
        out.set("customFields", customFieldsJson());
        return out;
    }

    private ArrayNode customFieldsJson() {
        ArrayNode array = Json.array();
        customFields.forEach((fieldId, value) -> array.addObject().put("id", fieldId).set("value", value.deepCopy()));
        return array;
    }

    /** The fields whose change GHL reports as ContactUpdate (everything but tags, which have ContactTagUpdate). */
    boolean sameFieldsAs(Contact other) {
        return fields.equals(other.fields) && customFields.equals(other.customFields);
    }

    boolean sameDndAs(Contact other) {
        return dnd() == other.dnd() && java.util.Objects.equals(dndSettings(), other.dndSettings());
    }
}
