package io.ghlsync.sandbox.ghl;

import static io.ghlsync.sandbox.ghl.BodyRules.Kind.ANY;
import static io.ghlsync.sandbox.ghl.BodyRules.Kind.ARRAY;
import static io.ghlsync.sandbox.ghl.BodyRules.Kind.BIRTH_DATE;
import static io.ghlsync.sandbox.ghl.BodyRules.Kind.BOOLEAN;
import static io.ghlsync.sandbox.ghl.BodyRules.Kind.DND_SETTINGS;
import static io.ghlsync.sandbox.ghl.BodyRules.Kind.INBOUND_DND_SETTINGS;
import static io.ghlsync.sandbox.ghl.BodyRules.Kind.ISO_DATE;
import static io.ghlsync.sandbox.ghl.BodyRules.Kind.NUMBER;
import static io.ghlsync.sandbox.ghl.BodyRules.Kind.STRING;
import static io.ghlsync.sandbox.ghl.BodyRules.Kind.STRING_ARRAY;

/**
 * The request DTOs of apps/contacts.json, written out as {@link BodyRules} (the sandbox runs without the spec files,
 * so their schemas are transcribed here; the contract tests check the transcription against the spec).
 */
final class GhlDtos {

    /** UpdateContactDto. */
    static final BodyRules UPDATE_CONTACT = BodyRules.strict()
            .nullable("firstName", STRING).nullable("lastName", STRING).nullable("name", STRING).nullable("email", STRING)
            .nullable("phone", STRING).nullable("address1", STRING).nullable("city", STRING).nullable("state", STRING)
            .optional("postalCode", STRING).nullable("website", STRING).nullable("timezone", STRING)
            .optional("dnd", BOOLEAN).optional("dndSettings", DND_SETTINGS).optional("inboundDndSettings", INBOUND_DND_SETTINGS)
            .optional("tags", STRING_ARRAY).optional("customFields", ARRAY).nullable("source", STRING)
            .nullable("dateOfBirth", BIRTH_DATE).optional("country", STRING).nullable("assignedTo", STRING);

    /** CreateContactDto: UpdateContactDto plus locationId (required), gender, companyName; source and assignedTo not nullable. */
    static final BodyRules CREATE_CONTACT = UPDATE_CONTACT.copy(true)
            .required("locationId", STRING).optional("gender", STRING).nullable("companyName", STRING)
            .optional("source", STRING).optional("assignedTo", STRING);

    /** UpsertContactDto: CreateContactDto plus createNewIfDuplicateAllowed. */
    static final BodyRules UPSERT_CONTACT = CREATE_CONTACT.copy(true).optional("createNewIfDuplicateAllowed", BOOLEAN);

    /** SearchBodyV2DTO declares no properties; these are the ones the sandbox understands (others are ignored). */
    static final BodyRules SEARCH = BodyRules.open()
            .required("locationId", STRING).optional("page", NUMBER).optional("pageLimit", NUMBER)
            .optional("searchAfter", ARRAY).optional("filters", ARRAY).optional("sort", ARRAY).optional("query", STRING);

    /** CreateTaskParams. */
    static final BodyRules CREATE_TASK = BodyRules.strict()
            .required("title", STRING).optional("body", STRING).required("dueDate", ISO_DATE).required("completed", BOOLEAN)
            .optional("assignedTo", STRING);

    /** UpdateTaskBody. */
    static final BodyRules UPDATE_TASK = BodyRules.strict()
            .optional("title", STRING).optional("body", STRING).optional("dueDate", ISO_DATE).optional("completed", BOOLEAN)
            .optional("assignedTo", STRING);

    /** UpdateTaskStatusParams. */
    static final BodyRules TASK_STATUS = BodyRules.strict().required("completed", BOOLEAN);

    /** NotesDTO. */
    static final BodyRules CREATE_NOTE = BodyRules.strict()
            .optional("userId", STRING).required("body", STRING).optional("title", STRING).optional("color", STRING)
            .optional("pinned", BOOLEAN);

    /** UpdateNoteDTO. */
    static final BodyRules UPDATE_NOTE = BodyRules.strict()
            .optional("userId", STRING).optional("body", STRING).optional("title", STRING).optional("color", STRING)
            .optional("pinned", BOOLEAN);

    /** TagsDTO. */
    static final BodyRules TAGS = BodyRules.strict().required("tags", STRING_ARRAY);

    /** UpdateTagsDTO. */
    static final BodyRules BULK_TAGS = BodyRules.strict()
            .required("contacts", STRING_ARRAY).required("tags", STRING_ARRAY).required("locationId", STRING)
            .optional("removeAllTags", BOOLEAN);

    /** ContactsBusinessUpdate (businessId required but nullable: null takes the contacts out of their business). */
    static final BodyRules BULK_BUSINESS = BodyRules.strict()
            .required("locationId", STRING).required("ids", STRING_ARRAY).requiredNullable("businessId", STRING);

    /** FollowersDTO. */
    static final BodyRules FOLLOWERS = BodyRules.strict().required("followers", STRING_ARRAY);

    /** AddContactToCampaignDto declares no properties at all. */
    static final BodyRules CAMPAIGN = BodyRules.strict();

    /** CreateWorkflowDto. */
    static final BodyRules WORKFLOW = BodyRules.strict().optional("eventStartTime", ISO_DATE);

    /** The control API's appointment body (not a GHL DTO). */
    static final BodyRules APPOINTMENT = BodyRules.open().optional("contactId", STRING).optional("startTime", ISO_DATE)
            .optional("endTime", ISO_DATE).optional("title", STRING).optional("users", STRING_ARRAY).optional("extra", ANY);

    private GhlDtos() {
    }
}
