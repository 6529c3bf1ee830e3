package io.ghlsync.ghl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;

/**
 * The places where the official GHL spec contradicts itself or GHL's behaviour, and what ghl-sync does instead.
 * Every contract test that meets one of these looks it up here by name; nothing else is skipped.
 */
public final class GhlSpecExceptions {

    /** operationId → why the catalog differs from the spec's declaration. */
    public static final Map<String, String> CATALOG = Map.of(
            "create-association",
            "POST /contacts/bulk/tags/update/{type} declares neither the {type} path parameter (add|remove) nor a security "
                    + "scope; the catalog takes 'type' as a path parameter and requires contacts.write, as for every write",
            "add-remove-contact-from-business",
            "declares no security scope although it changes contacts; the catalog requires contacts.write");

    /** One tolerated validator finding: its operation, status and a fragment of the validator's message. */
    public record SpecException(String operationId, int status, String finding, String reason) {
        boolean covers(String operation, int answerStatus, String message) {
            return (operationId.equals("*") || operationId.equals(operation)) && status == answerStatus && message.contains(finding);
        }
    }

    public static final List<SpecException> ALL = List.of(
            new SpecException("create-association", 201, "[Path '/responses/",
                    "UpdateTagsResponseDTO.responses declares string items, but its own example (and GHL) answer objects "
                            + "{contactId, message, type, oldTags, tagsAdded, tagsRemoved}; the sandbox answers objects"),
            new SpecException("get-contacts", 200, "[\"meta\"]",
                    "ContactsMetaSchema (total, nextPageUrl, startAfterId, startAfter, currentPage, nextPage, prevPage) is "
                            + "defined but not referenced by the get-contacts answer; GHL sends it as 'meta' and paging needs it"),
            new SpecException("get-contacts", 200, "[Path '/contacts/",
                    "ContactsSearchSchema names only 12 properties; GHL's list answers carry the contact's names, phone, DND "
                            + "etc., and a backfill needs them (the sandbox answers every contact field)"),
            new SpecException("get-contacts-by-businessId", 200, "[Path '/contacts/",
                    "same ContactsSearchSchema as get-contacts: the list carries every contact field"),
            new SpecException("get-access-token", 400, "[\"error\"]",
                    "BadRequestDTO has statusCode and message only; a refused grant also carries the RFC 6749 (5.2) error code "
                            + "'error' (invalid_grant), which clients rely on to tell a dead refresh token from a bad request"),
            new SpecException("search-contacts-advanced", 200, "No response body is expected",
                    "the spec gives the 200 no content; GHL answers {contacts: [...], total}"),
            new SpecException("get-duplicate-contact", 200, "No response body is expected",
                    "the spec gives the 200 no content; GHL answers {contact: {...}} (null when none matches)"),
            new SpecException("create-contact", 400, "[\"meta\"]",
                    "BadRequestDTO has no 'meta'; GHL's duplicate-contact refusal carries meta {contactId, contactName, matchingField}"),
            new SpecException("*", 429, "",
                    "no operation declares 429, yet GHL answers it (with the X-RateLimit-* headers) when a location's burst or "
                            + "daily budget is spent; the sandbox does the same"),
            new SpecException("*", 403, "",
                    "no operation declares 403; GHL answers it when a token reaches for another location's data (locationId "
                            + "in the query or body, or an agency token on location routes), and so does the sandbox"),
            new SpecException("upsert-contact", 400, "[\"meta\"]", "as create-contact: the duplicate refusal carries meta"),
            new SpecException("update-contact", 400, "[\"meta\"]", "as create-contact: the duplicate refusal carries meta"),
            new SpecException("get-access-token", 400, "[\"error\"]",
                    "BadRequestDTO has statusCode and message only; a refused grant also carries the RFC 6749 (5.2) error code "
                            + "'error' (invalid_grant), which clients rely on to tell a dead refresh token from a bad request"),
            new SpecException("search-contacts-advanced", 200, "validation.request.body.schema.additionalProperties",
                    "SearchBodyV2DTO declares no properties at all, although the search takes locationId, page, pageLimit, "
                            + "filters and sort"));

    /** True when {@code finding} (validator key and message) of an answer is one of the spec faults listed above. */
    public static boolean tolerated(String operationId, int status, String finding) {
        return ALL.stream().anyMatch(e -> e.covers(operationId, status, finding));
    }

    private static final String CUSTOM_FIELD_ID = "the spec's customFields item schemas (TextField, ...) require 'id', but its "
            + "own customFieldsInputStringSchema says \"Pass either id or key\", and GHL accepts key; ghl-sync sends custom "
            + "fields by key (ids differ per location), so our item requires id OR key";

    /** Our request schemas (ghl-schemas/): "{operationId}:{path}:required:{property}" → why ours does not require it. */
    public static final Map<String, String> SCHEMA_NOT_REQUIRED = Map.of(
            "upsert-contact:/customFields/items:required:id", CUSTOM_FIELD_ID,
            "update-contact:/customFields/items:required:id", CUSTOM_FIELD_ID);

    /** Spec properties our schemas leave out on purpose (not a difference the test checks, listed for readers). */
    public static final Map<String, String> SCHEMA_LEFT_OUT = Map.of(
            "dateOfBirth", "typed 'object' in UpsertContactDto/UpdateContactDto while its description and example are date "
                    + "strings; ghl-sync sends no birth dates until GHL's real behaviour is checked in the sandbox",
            "dndSettings, inboundDndSettings, createNewIfDuplicateAllowed", "no mapping sends them");

    /**
     * Repairs the spec so a validator can load it at all: the {type} path parameter of create-association is
     * declared as GHL uses it (add or remove). This is the only change made to the official file, in memory.
     */
    public static void repair(JsonNode spec) {
        JsonNode bulkTags = spec.at("/paths/~1contacts~1bulk~1tags~1update~1{type}/post");
        if (!bulkTags.isObject()) {
            return; // not the contacts spec
        }
        ArrayNode parameters = (ArrayNode) bulkTags.get("parameters");
        ObjectNode type = parameters.addObject();
        type.put("name", "type").put("in", "path").put("required", true);
        type.putObject("schema").put("type", "string").putArray("enum").add("add").add("remove");
    }

    private GhlSpecExceptions() {
    }
}
