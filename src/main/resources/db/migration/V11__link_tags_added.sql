-- ghl-sync state store, version 11: the tags ghl-sync added to a link's GHL contact, apart from the contact's hash.
-- GHL's create/update/upsert replace all of a contact's tags, so ghl-sync adds tags with calls of their own
-- (POST /contacts/{id}/tags, the bulk tags call). With one hash over contact and tags together, a lead whose fields
-- changed but whose tags did not could not tell that its tags were in GHL already and added them again (one GHL call
-- wasted per update). content_hash now covers the contact alone, and tags_added holds the tags (a JSON array of
-- lower-case tags) added to the contact or handed to the bulk tags call, less those ghl-sync removed since; NULL:
-- unknown, add them all again. Links of other records leave it NULL.
ALTER TABLE link ADD COLUMN tags_added VARCHAR;
