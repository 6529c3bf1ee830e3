package io.ghlsync.ghl;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The 32 operations of GHL's Contacts API (apps/contacts.json), by operationId. GhlOperationCatalogTest checks
 * every entry against the official spec, so this list cannot drift from it silently.
 */
public enum GhlOperation {
    SEARCH_CONTACTS_ADVANCED("search-contacts-advanced", "POST", "/contacts/search", GhlScope.READ, true, "Search Contacts"),
    GET_DUPLICATE_CONTACT("get-duplicate-contact", "GET", "/contacts/search/duplicate", GhlScope.READ, false, "Get Duplicate Contact",
            "!locationId", "number", "email"),
    GET_ALL_TASKS("get-all-tasks", "GET", "/contacts/{contactId}/tasks", GhlScope.READ, false, "Get all Tasks"),
    CREATE_TASK("create-task", "POST", "/contacts/{contactId}/tasks", GhlScope.WRITE, true, "Create Task"),
    GET_TASK("get-task", "GET", "/contacts/{contactId}/tasks/{taskId}", GhlScope.READ, false, "Get Task"),
    UPDATE_TASK("update-task", "PUT", "/contacts/{contactId}/tasks/{taskId}", GhlScope.WRITE, true, "Update Task"),
    DELETE_TASK("delete-task", "DELETE", "/contacts/{contactId}/tasks/{taskId}", GhlScope.WRITE, false, "Delete Task"),
    UPDATE_TASK_COMPLETED("update-task-completed", "PUT", "/contacts/{contactId}/tasks/{taskId}/completed", GhlScope.WRITE, true,
            "Update Task Completed"),
    GET_APPOINTMENTS_FOR_CONTACT("get-appointments-for-contact", "GET", "/contacts/{contactId}/appointments", GhlScope.READ, false,
            "Get Appointments for Contact"),
    ADD_TAGS("add-tags", "POST", "/contacts/{contactId}/tags", GhlScope.WRITE, true, "Add Tags"),
    REMOVE_TAGS("remove-tags", "DELETE", "/contacts/{contactId}/tags", GhlScope.WRITE, true, "Remove Tags"),
    GET_ALL_NOTES("get-all-notes", "GET", "/contacts/{contactId}/notes", GhlScope.READ, false, "Get All Notes"),
    CREATE_NOTE("create-note", "POST", "/contacts/{contactId}/notes", GhlScope.WRITE, true, "Create Note"),
    GET_NOTE("get-note", "GET", "/contacts/{contactId}/notes/{id}", GhlScope.READ, false, "Get Note"),
    UPDATE_NOTE("update-note", "PUT", "/contacts/{contactId}/notes/{id}", GhlScope.WRITE, true, "Update Note"),
    DELETE_NOTE("delete-note", "DELETE", "/contacts/{contactId}/notes/{id}", GhlScope.WRITE, false, "Delete Note"),
    // The spec declares no security and no {type} parameter here; both are listed in GhlSpecExceptions.
    CREATE_ASSOCIATION("create-association", "POST", "/contacts/bulk/tags/update/{type}", GhlScope.WRITE, true, "Update Contacts Tags"),
    ADD_REMOVE_CONTACT_FROM_BUSINESS("add-remove-contact-from-business", "POST", "/contacts/bulk/business", GhlScope.WRITE, true,
            "Add/Remove Contacts From Business"),
    GET_CONTACT("get-contact", "GET", "/contacts/{contactId}", GhlScope.READ, false, "Get Contact"),
    UPDATE_CONTACT("update-contact", "PUT", "/contacts/{contactId}", GhlScope.WRITE, true, "Update Contact"),
    DELETE_CONTACT("delete-contact", "DELETE", "/contacts/{contactId}", GhlScope.WRITE, false, "Delete Contact"),
    UPSERT_CONTACT("upsert-contact", "POST", "/contacts/upsert", GhlScope.WRITE, true, "Upsert Contact"),
    GET_CONTACTS_BY_BUSINESS_ID("get-contacts-by-businessId", "GET", "/contacts/business/{businessId}", GhlScope.READ, false,
            "Get Contacts By BusinessId", "limit", "!locationId", "skip", "query"),
    ADD_FOLLOWERS_CONTACT("add-followers-contact", "POST", "/contacts/{contactId}/followers", GhlScope.WRITE, true, "Add Followers"),
    REMOVE_FOLLOWERS_CONTACT("remove-followers-contact", "DELETE", "/contacts/{contactId}/followers", GhlScope.WRITE, true,
            "Remove Followers"),
    ADD_CONTACT_TO_CAMPAIGN("add-contact-to-campaign", "POST", "/contacts/{contactId}/campaigns/{campaignId}", GhlScope.WRITE, true,
            "Add Contact to Campaign"),
    REMOVE_CONTACT_FROM_CAMPAIGN("remove-contact-from-campaign", "DELETE", "/contacts/{contactId}/campaigns/{campaignId}", GhlScope.WRITE,
            false, "Remove Contact From Campaign"),
    REMOVE_CONTACT_FROM_EVERY_CAMPAIGN("remove-contact-from-every-campaign", "DELETE", "/contacts/{contactId}/campaigns/removeAll",
            GhlScope.WRITE, false, "Remove Contact From Every Campaign"),
    ADD_CONTACT_TO_WORKFLOW("add-contact-to-workflow", "POST", "/contacts/{contactId}/workflow/{workflowId}", GhlScope.WRITE, true,
            "Add Contact to Workflow"),
    DELETE_CONTACT_FROM_WORKFLOW("delete-contact-from-workflow", "DELETE", "/contacts/{contactId}/workflow/{workflowId}", GhlScope.WRITE,
            true, "Delete Contact from Workflow"),
    CREATE_CONTACT("create-contact", "POST", "/contacts/", GhlScope.WRITE, true, "Create Contact"),
    GET_CONTACTS("get-contacts", "GET", "/contacts/", GhlScope.READ, false, "Get Contacts",
            "!locationId", "startAfterId", "startAfter", "query", "limit");

    /** Operations whose request body carries the location id; the component fills it in when a body leaves it out. */
    private static final List<String> BODY_WITH_LOCATION =
            List.of("create-association", "add-remove-contact-from-business", "upsert-contact", "create-contact");

    private final String operationId;
    private final String method;
    private final String pathTemplate;
    private final GhlScope scope;
    private final boolean hasBody;
    private final String summary;
    private final List<String> pathParameters;
    private final List<String> queryParameters;
    private final List<String> requiredQueryParameters;

    GhlOperation(String operationId, String method, String pathTemplate, GhlScope scope, boolean hasBody, String summary,
            String... query) {
        this.operationId = operationId;
        this.method = method;
        this.pathTemplate = pathTemplate;
        this.scope = scope;
        this.hasBody = hasBody;
        this.summary = summary;
        List<String> path = new ArrayList<>();
        Matcher m = Pattern.compile("\\{([^}]+)}").matcher(pathTemplate);
        while (m.find()) {
            path.add(m.group(1));
        }
        this.pathParameters = List.copyOf(path);
        this.queryParameters = Arrays.stream(query).map(q -> q.startsWith("!") ? q.substring(1) : q).toList();
        this.requiredQueryParameters = Arrays.stream(query).filter(q -> q.startsWith("!")).map(q -> q.substring(1)).toList();
    }

    public static Optional<GhlOperation> byOperationId(String operationId) {
        for (GhlOperation op : values()) {
            if (op.operationId.equals(operationId)) {
                return Optional.of(op);
            }
        }
        return Optional.empty();
    }

    public String operationId() {
        return operationId;
    }

    public String method() {
        return method;
    }

    public String pathTemplate() {
        return pathTemplate;
    }

    public GhlScope scope() {
        return scope;
    }

    public boolean hasBody() {
        return hasBody;
    }

    public String summary() {
        return summary;
    }

    public List<String> pathParameters() {
        return pathParameters;
    }

    public List<String> queryParameters() {
        return queryParameters;
    }

    public List<String> requiredQueryParameters() {
        return requiredQueryParameters;
    }

    /** Every parameter name this operation takes, path first. */
    public List<String> parameterNames() {
        List<String> all = new ArrayList<>(pathParameters);
        all.addAll(queryParameters);
        return Collections.unmodifiableList(all);
    }

    public boolean bodyCarriesLocationId() {
        return BODY_WITH_LOCATION.contains(operationId);
    }

    public boolean isWrite() {
        return scope == GhlScope.WRITE;
    }

    @Override
    public String toString() {
        return operationId + " (" + method.toUpperCase(Locale.ROOT) + " " + pathTemplate + ")";
    }
}
