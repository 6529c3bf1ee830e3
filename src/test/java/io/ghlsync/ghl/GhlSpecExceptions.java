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

    /** A validator finding that is the spec's fault, for one operation, and why the traffic is right. */
    public record Finding(String operationId, String validatorKey, String why) {
    }

    /** Every validator finding the contract tests accept; anything not listed here fails them. */
    public static final List<Finding> FINDINGS = List.of(
            new Finding("create-association", "validation.response.body.schema.type",
                    "UpdateTagsResponseDTO.responses declares string items, but its own example (and GHL) gives objects "
                            + "{contactId, message, type, ...}; the sandbox answers as the example does"),
            new Finding("search-contacts-advanced", "validation.request.body.schema.additionalProperties",
                    "SearchBodyV2DTO declares no properties at all, although the search takes locationId, page, pageLimit, "
                            + "filters and sort"),
            new Finding("search-contacts-advanced", "validation.response.body.unexpected",
                    "the 200 answer is declared without content, although the search answers {contacts, total}"),
            new Finding("get-duplicate-contact", "validation.response.body.unexpected",
                    "the 200 answer is declared without content, although GHL answers {contact}"));

    public static boolean accepts(String operationId, String validatorKey) {
        return FINDINGS.stream().anyMatch(f -> f.operationId().equals(operationId) && f.validatorKey().equals(validatorKey));
    }

    /**
     * Repairs the spec so a validator can load it at all: the {type} path parameter of create-association is
     * declared as GHL uses it (add or remove). This is the only change made to the official file, in memory.
     */
    public static void repair(JsonNode contactsSpec) {
        ObjectNode bulkTags = (ObjectNode) contactsSpec.get("paths").get("/contacts/bulk/tags/update/{type}").get("post");
        ArrayNode parameters = (ArrayNode) bulkTags.get("parameters");
        ObjectNode type = parameters.addObject();
        type.put("name", "type").put("in", "path").put("required", true);
        type.putObject("schema").put("type", "string").putArray("enum").add("add").add("remove");
    }

    private GhlSpecExceptions() {
    }
}
