package io.ghlsync.sandbox.ghl;

import io.vertx.core.http.HttpMethod;

/**
 * Every GHL operation the sandbox serves, with the scope it needs and whether the spec declares a 422 answer for it.
 * The order is the routing order: literal paths ({@code /contacts/search}) come before the {@code :contactId} ones.
 */
enum ApiOperation {

    SEARCH_CONTACTS("search-contacts-advanced", HttpMethod.POST, "/contacts/search", Scope.READ, false),
    GET_DUPLICATE_CONTACT("get-duplicate-contact", HttpMethod.GET, "/contacts/search/duplicate", Scope.READ, false),
    UPSERT_CONTACT("upsert-contact", HttpMethod.POST, "/contacts/upsert", Scope.WRITE, true),
    // The spec declares no security for the two bulk operations; GHL needs contacts.write for any change, so do we.
    BULK_TAGS("create-association", HttpMethod.POST, "/contacts/bulk/tags/update/:type", Scope.WRITE, true),
    BULK_BUSINESS("add-remove-contact-from-business", HttpMethod.POST, "/contacts/bulk/business", Scope.WRITE, true),
    GET_CONTACTS_BY_BUSINESS("get-contacts-by-businessId", HttpMethod.GET, "/contacts/business/:businessId", Scope.READ, true),
    GET_CONTACTS("get-contacts", HttpMethod.GET, "/contacts/", Scope.READ, true),
    CREATE_CONTACT("create-contact", HttpMethod.POST, "/contacts/", Scope.WRITE, true),

    GET_ALL_TASKS("get-all-tasks", HttpMethod.GET, "/contacts/:contactId/tasks", Scope.READ, false),
    CREATE_TASK("create-task", HttpMethod.POST, "/contacts/:contactId/tasks", Scope.WRITE, true),
    UPDATE_TASK_COMPLETED("update-task-completed", HttpMethod.PUT, "/contacts/:contactId/tasks/:taskId/completed", Scope.WRITE, true),
    GET_TASK("get-task", HttpMethod.GET, "/contacts/:contactId/tasks/:taskId", Scope.READ, false),
    UPDATE_TASK("update-task", HttpMethod.PUT, "/contacts/:contactId/tasks/:taskId", Scope.WRITE, true),
    DELETE_TASK("delete-task", HttpMethod.DELETE, "/contacts/:contactId/tasks/:taskId", Scope.WRITE, false),

    GET_APPOINTMENTS("get-appointments-for-contact", HttpMethod.GET, "/contacts/:contactId/appointments", Scope.READ, true),

    ADD_TAGS("add-tags", HttpMethod.POST, "/contacts/:contactId/tags", Scope.WRITE, true),
    REMOVE_TAGS("remove-tags", HttpMethod.DELETE, "/contacts/:contactId/tags", Scope.WRITE, true),

    GET_ALL_NOTES("get-all-notes", HttpMethod.GET, "/contacts/:contactId/notes", Scope.READ, false),
    CREATE_NOTE("create-note", HttpMethod.POST, "/contacts/:contactId/notes", Scope.WRITE, true),
    GET_NOTE("get-note", HttpMethod.GET, "/contacts/:contactId/notes/:id", Scope.READ, true),
    UPDATE_NOTE("update-note", HttpMethod.PUT, "/contacts/:contactId/notes/:id", Scope.WRITE, true),
    DELETE_NOTE("delete-note", HttpMethod.DELETE, "/contacts/:contactId/notes/:id", Scope.WRITE, true),

    ADD_FOLLOWERS("add-followers-contact", HttpMethod.POST, "/contacts/:contactId/followers", Scope.WRITE, true),
    REMOVE_FOLLOWERS("remove-followers-contact", HttpMethod.DELETE, "/contacts/:contactId/followers", Scope.WRITE, true),
    // removeAll is a literal segment; it must be routed before :campaignId would swallow it
    REMOVE_FROM_EVERY_CAMPAIGN("remove-contact-from-every-campaign", HttpMethod.DELETE, "/contacts/:contactId/campaigns/removeAll", Scope.WRITE, true),
    ADD_TO_CAMPAIGN("add-contact-to-campaign", HttpMethod.POST, "/contacts/:contactId/campaigns/:campaignId", Scope.WRITE, true),
    REMOVE_FROM_CAMPAIGN("remove-contact-from-campaign", HttpMethod.DELETE, "/contacts/:contactId/campaigns/:campaignId", Scope.WRITE, true),
    ADD_TO_WORKFLOW("add-contact-to-workflow", HttpMethod.POST, "/contacts/:contactId/workflow/:workflowId", Scope.WRITE, true),
    REMOVE_FROM_WORKFLOW("delete-contact-from-workflow", HttpMethod.DELETE, "/contacts/:contactId/workflow/:workflowId", Scope.WRITE, true),

    GET_CONTACT("get-contact", HttpMethod.GET, "/contacts/:contactId", Scope.READ, true),
    UPDATE_CONTACT("update-contact", HttpMethod.PUT, "/contacts/:contactId", Scope.WRITE, true),
    DELETE_CONTACT("delete-contact", HttpMethod.DELETE, "/contacts/:contactId", Scope.WRITE, true),

    GET_ACCESS_TOKEN("get-access-token", HttpMethod.POST, "/oauth/token", Scope.NONE, true),
    GET_LOCATION_ACCESS_TOKEN("get-location-access-token", HttpMethod.POST, "/oauth/locationToken", Scope.OAUTH_WRITE, true),
    GET_INSTALLED_LOCATIONS("get-installed-location", HttpMethod.GET, "/oauth/installedLocations", Scope.OAUTH_READ, true);

    /** The scope an operation needs, as named in docs/oauth/Scopes.md. */
    enum Scope {
        NONE(null), READ("contacts.readonly"), WRITE("contacts.write"), OAUTH_READ("oauth.readonly"), OAUTH_WRITE("oauth.write");

        private final String value;

        Scope(String value) {
            this.value = value;
        }

        String value() {
            return value;
        }
    }

    private final String operationId;
    private final HttpMethod method;
    private final String routePath;
    private final Scope scope;
    private final boolean declares422;

    ApiOperation(String operationId, HttpMethod method, String routePath, Scope scope, boolean declares422) {
        this.operationId = operationId;
        this.method = method;
        this.routePath = routePath;
        this.scope = scope;
        this.declares422 = declares422;
    }

    String operationId() {
        return operationId;
    }

    HttpMethod method() {
        return method;
    }

    /** The Vert.x route path ({@code :param} form). */
    String routePath() {
        return routePath;
    }

    Scope scope() {
        return scope;
    }

    boolean declares422() {
        return declares422;
    }

    /** Contacts operations act on one location; the OAuth ones on a company or none. */
    boolean locationBound() {
        return routePath.startsWith("/contacts");
    }
}
