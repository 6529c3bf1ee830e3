package io.ghlsync.sandbox.ghl;

import java.util.List;

/**
 * Where the GHL sandbox's answers knowingly depart from apps/contacts.json and apps/oauth.json, because the spec
 * contradicts itself or GHL's real answers. Each is narrow (one operation, one status, one kind of finding) so that
 * anything else the validator finds still fails the contract test.
 */
final class SandboxSpecExceptions {

    /** One tolerated validator finding: its operation, status and a fragment of the validator's message. */
    record SpecException(String operationId, int status, String finding, String reason) {
        boolean covers(String operation, int answerStatus, String message) {
            return (operationId.equals("*") || operationId.equals(operation)) && status == answerStatus && message.contains(finding);
        }
    }

    static final List<SpecException> ALL = List.of(
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
            new SpecException("update-contact", 400, "[\"meta\"]", "as create-contact: the duplicate refusal carries meta"));

    private SandboxSpecExceptions() {
    }

    static boolean tolerated(String operationId, int status, String message) {
        return ALL.stream().anyMatch(e -> e.covers(operationId, status, message));
    }
}
