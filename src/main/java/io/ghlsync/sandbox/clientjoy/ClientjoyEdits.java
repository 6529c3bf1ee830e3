package io.ghlsync.sandbox.clientjoy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ghlsync.sandbox.rest.RestError;
import io.ghlsync.sandbox.rest.RestJson;

import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The edits a person working in Clientjoy makes, applied to the sandbox's clients through the same checked writes as
 * the API (so each one moves the client's updated_at like a real edit): a new client, a renamed one, a tag added, a
 * task added, completed or reopened, a note written. The demo makes one now and then; tests drive them by kind.
 */
public final class ClientjoyEdits {

    /** What an edit does. */
    public enum Kind {
        NEW_CLIENT, RENAME, TAG, NEW_TASK, COMPLETE_TASK, REOPEN_TASK, NOTE;

        public static Kind parse(String text) {
            try {
                return valueOf(text.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (RuntimeException e) {
                throw new RestError(400, "kind must be one of new-client, rename, tag, new-task, complete-task, reopen-task,"
                        + " note; not '" + text + "'", "kind");
            }
        }
    }

    private static final List<String> NAMES = List.of("Lucía", "Martín", "Sofía", "Mateo", "Valentina", "Joaquín", "Camila");
    private static final List<String> TAGS = List.of("clientjoy-vip", "clientjoy-renewal", "clientjoy-upsell");

    private final ClientBook book;

    ClientjoyEdits(ClientBook book) {
        this.book = book;
    }

    /**
     * One edit of this kind, on the client {@code clientId} (null: a client chosen by {@code seed}; a new client needs
     * none). Answers {"edit", "clientId", and the record made or changed}; 404 when there is no client to edit, 409
     * when the client has no task in the state the edit needs.
     */
    ObjectNode apply(Kind kind, String clientId, long seed) {
        Random random = new Random(seed);
        ObjectNode out = RestJson.object();
        out.put("edit", kind.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        if (kind == Kind.NEW_CLIENT) {
            String first = NAMES.get(random.nextInt(NAMES.size()));
            ObjectNode client = RestJson.object().put("first_name", first).put("last_name", "Clientjoy " + seed)
                    .put("email", first.toLowerCase(Locale.ROOT).replace('í', 'i').replace('ú', 'u') + "." + seed + "@clientjoy.example")
                    .put("stage", "lead").put("source", "Clientjoy");
            client.putArray("tags").add("from-clientjoy");
            ObjectNode created = book.createClient(client);
            out.put("clientId", created.get("id").asText());
            out.set("record", created);
            return out;
        }
        String id = clientId != null ? clientId : book.anyClientId(random);
        if (id == null) {
            throw RestError.notFound("no client to edit");
        }
        out.put("clientId", id);
        ObjectNode changed = switch (kind) {
            case RENAME -> book.updateClient(id, RestJson.object().put("first_name", NAMES.get(random.nextInt(NAMES.size())) + " " + seed));
            case TAG -> {
                ObjectNode client = book.client(id);
                ObjectNode tags = RestJson.object();
                ArrayNode list = tags.putArray("tags");
                client.path("tags").forEach(list::add);
                list.add(TAGS.get(random.nextInt(TAGS.size())) + "-" + seed);
                yield book.updateClient(id, tags);
            }
            case NEW_TASK -> book.create(RecordKind.TASK, id, RestJson.object().put("title", "Clientjoy follow-up " + seed)
                    .put("due_date", "2031-01-" + String.format(Locale.ROOT, "%02d", 1 + random.nextInt(28)) + "T10:00:00-03:00"));
            case COMPLETE_TASK -> task(id, "open", "completed");
            case REOPEN_TASK -> task(id, "completed", "open");
            case NOTE -> book.create(RecordKind.NOTE, id, RestJson.object().put("body", "Called from Clientjoy, " + seed)
                    .put("author", "Clientjoy user"));
            case NEW_CLIENT -> throw new IllegalStateException("handled above");
        };
        out.set("record", changed);
        return out;
    }

    private ObjectNode task(String clientId, String from, String to) {
        ObjectNode task = book.list(RecordKind.TASK, clientId).stream().filter(t -> from.equals(RestJson.text(t, "status")))
                .findFirst().orElseThrow(() -> new RestError(409, "client " + clientId + " has no " + from + " task", "clientId"));
        return book.update(RecordKind.TASK, clientId, task.get("id").asText(), RestJson.object().put("status", to));
    }
}
