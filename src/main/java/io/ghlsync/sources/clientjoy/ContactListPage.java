package io.ghlsync.sources.clientjoy;

import io.ghlsync.ghl.GhlConstants;
import org.apache.camel.Message;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One page of GHL's contact list ({@code GET /contacts/}, ordered by dateAdded then id) as the poll, the
 * reconciliation and the backfill walk it: the request of the page after a position, and what an answer says (its
 * contacts, the position after it, whether it was the last). A page shorter than the limit is the last one.
 */
record ContactListPage(List<?> contacts, Long startAfter, String startAfterId, boolean last) {

    /** The first page: no position yet. */
    static final ContactListPage BEFORE_FIRST = new ContactListPage(List.of(), null, null, false);

    /** Sets the ghl: producer's headers for the page after this one (background priority: live events go first). */
    void requestNext(Message message, String locationId, int pageSize) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("limit", String.valueOf(pageSize));
        if (startAfterId != null) {
            parameters.put("startAfter", String.valueOf(startAfter));
            parameters.put("startAfterId", startAfterId);
        }
        message.setHeader(GhlConstants.PARAMETERS, parameters);
        message.setHeader(GhlConstants.LOCATION_ID, locationId);
        message.setHeader(GhlConstants.PRIORITY, "BACKFILL");
    }

    /** GHL's answer to the page after this one. */
    ContactListPage next(Map<?, ?> answer, int pageSize) {
        List<?> listed = answer != null && answer.get("contacts") instanceof List<?> list ? list : List.of();
        Map<?, ?> meta = answer != null && answer.get("meta") instanceof Map<?, ?> m ? m : Map.of();
        Long nextStartAfter = startAfter;
        String nextStartAfterId = startAfterId;
        if (!listed.isEmpty() && listed.get(listed.size() - 1) instanceof Map<?, ?> lastContact) {
            nextStartAfterId = String.valueOf(lastContact.get("id"));
            nextStartAfter = meta.get("startAfter") instanceof Number n ? Long.valueOf(n.longValue()) : epochMillis(lastContact.get("dateAdded"));
        }
        return new ContactListPage(listed, nextStartAfter, nextStartAfterId, listed.size() < pageSize);
    }

    /** A GHL date (ISO-8601 text or epoch milliseconds), or null when it is neither. */
    static Long epochMillis(Object value) {
        if (value instanceof Number n) {
            return n.longValue();
        }
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value.toString()).toEpochMilli();
        } catch (java.time.format.DateTimeParseException e) {
            try {
                return java.time.OffsetDateTime.parse(value.toString()).toInstant().toEpochMilli();
            } catch (java.time.format.DateTimeParseException again) {
                return null;
            }
        }
    }
}
