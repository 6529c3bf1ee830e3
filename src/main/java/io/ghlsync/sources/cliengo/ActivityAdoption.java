package io.ghlsync.sources.cliengo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ghlsync.state.EntityType;
import io.ghlsync.state.Links;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;

/**
 * Finds, among a contact's GHL notes or tasks (the answer of {@code get-all-notes} / {@code get-all-tasks}, enriched into
 * the mapped record before a create that an earlier attempt may have made, see {@code EarlierAttempt}), the one that
 * attempt created: same content in every compared field, and linked to no other Cliengo record. Its id goes into the
 * header the link step reads, and the create is skipped. Nothing matching: the create goes ahead.
 */
public final class ActivityAdoption implements AggregationStrategy {

    /** The GHL note an earlier attempt created for this Cliengo note, when one was found. */
    static final String NOTE_ID = "ghlNoteId";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Links links;
    private final String defaultLocationId;
    private final EntityType type;
    private final String listField;
    private final List<String> comparedFields;
    private final String idHeader;

    private ActivityAdoption(Links links, String defaultLocationId, EntityType type, String listField,
                             List<String> comparedFields, String idHeader) {
        this.links = links;
        this.defaultLocationId = defaultLocationId;
        this.type = type;
        this.listField = listField;
        this.comparedFields = comparedFields;
        this.idHeader = idHeader;
    }

    /** Notes: the body is all a note holds that the mapping writes. */
    public static ActivityAdoption notes(Links links, String defaultLocationId) {
        return new ActivityAdoption(links, defaultLocationId, EntityType.NOTE, "notes", List.of("body"), NOTE_ID);
    }

    /** Tasks: title, body and due date (the completion may have changed in GHL since). */
    public static ActivityAdoption tasks(Links links, String defaultLocationId) {
        return new ActivityAdoption(links, defaultLocationId, EntityType.TASK, "tasks", List.of("title", "body", "dueDate"),
                ActivityLinks.TASK_ID);
    }

    @Override
    public Exchange aggregate(Exchange mapped, Exchange listed) {
        JsonNode wanted = JSON.valueToTree(mapped.getMessage().getBody());
        String locationId = CliengoLinks.locationId(mapped, defaultLocationId);
        for (JsonNode held : JSON.valueToTree(listed.getMessage().getBody()).path(listField)) {
            String id = held.path("id").asText(null);
            if (id != null && matches(wanted, held)
                    && links.findByGhlId(CliengoLinks.SOURCE_SYSTEM, type, locationId, id).isEmpty()) {
                mapped.getMessage().setHeader(idHeader, id);
                break;
            }
        }
        return mapped;
    }

    private boolean matches(JsonNode wanted, JsonNode held) {
        for (String field : comparedFields) {
            if (!sameValue(text(wanted, field), text(held, field))) {
                return false;
            }
        }
        return true;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.asText().isEmpty() ? null : value.asText();
    }

    /** Equal text, or the same instant written two ways (GHL may answer a due date with milliseconds). */
    private static boolean sameValue(String a, String b) {
        if (Objects.equals(a, b)) {
            return true;
        }
        if (a == null || b == null) {
            return false;
        }
        try {
            return Instant.parse(a).equals(Instant.parse(b));
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
