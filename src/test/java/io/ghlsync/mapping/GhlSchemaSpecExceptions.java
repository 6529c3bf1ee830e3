package io.ghlsync.mapping;

import java.util.Map;

/**
 * Where the project's GHL request schemas knowingly differ from the official spec (apps/contacts.json), and why.
 * {@link GhlRequestSchemaContractTest} consults this list by exact key and nothing else is skipped; a key that no
 * longer matches anything fails the test, so the list cannot go stale. (Kept beside the mapping tests; it belongs with
 * io.ghlsync.ghl.GhlSpecExceptions when the two are merged.)
 */
final class GhlSchemaSpecExceptions {

    private static final String CUSTOM_FIELD_ID = "the spec's customFields item schemas (TextField, ...) require 'id', but its "
            + "own customFieldsInputStringSchema says \"Pass either id or key\", and GHL accepts key; ghl-sync sends custom "
            + "fields by key (ids differ per location), so our item requires id OR key";

    /** "{operationId}:{path in the schema}:required:{property}" → why our schema does not require it. */
    static final Map<String, String> NOT_REQUIRED = Map.of(
            "upsert-contact:/customFields/items:required:id", CUSTOM_FIELD_ID,
            "update-contact:/customFields/items:required:id", CUSTOM_FIELD_ID);

    /** Spec properties our schemas leave out on purpose (not a difference the test checks, listed for readers). */
    static final Map<String, String> LEFT_OUT = Map.of(
            "dateOfBirth", "typed 'object' in UpsertContactDto/UpdateContactDto while its description and example are date "
                    + "strings; ghl-sync sends no birth dates until GHL's real behaviour is checked in the sandbox",
            "dndSettings, inboundDndSettings, createNewIfDuplicateAllowed", "no mapping sends them");

    private GhlSchemaSpecExceptions() {
    }
}
