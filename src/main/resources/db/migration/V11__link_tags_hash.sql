-- ghl-sync state store, version 11: a second hash on a link, for the tags written to its GHL contact.
-- GHL's create/update/upsert replace all of a contact's tags, so ghl-sync adds tags with a call of their own
-- (POST /contacts/{id}/tags). With one hash over contact and tags together, a lead whose fields changed but whose tags
-- did not could not tell that its tags were in GHL already and added them again (one GHL call wasted per update).
-- content_hash now covers the contact alone and tags_hash the tags (sorted, lower-case) last added; NULL: add them again
-- (never written, or some were removed since). Links of other records leave it NULL.
ALTER TABLE link ADD COLUMN tags_hash VARCHAR(128);
