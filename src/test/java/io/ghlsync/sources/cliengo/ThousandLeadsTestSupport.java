package io.ghlsync.sources.cliengo;

import com.fasterxml.jackson.databind.JsonNode;
import io.ghlsync.operations.EngineProperties;
import io.ghlsync.sandbox.cliengo.CliengoSandbox;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bar of issue 5 for 1,000 generated leads (10% duplicates by email, 5% by phone, tags, notes, tasks): the end
 * state in the GHL sandbox, read through its API, and the GHL calls its ledger counted. Shared by the webhook-only and
 * the polling-only runs, which must reach the same end state.
 */
public abstract class ThousandLeadsTestSupport extends CliengoEngineTestSupport {

    static final int LEADS = 1_000;
    protected static final long SEED = 5;

    /** The shipped aggregation window (the smaller tests use a shorter one): a lead's events share a batch. */
    @Override
    protected EngineProperties engineProperties() {
        return super.engineProperties().with("cliengo.aggregate.window-ms", "1500");
    }

    /**
     * One GHL contact per person, every Cliengo lead carrying its contact's id, leads with the same email or phone on
     * the same contact, and on each contact exactly its leads' tags (plus "cliengo"), notes and tasks, each once.
     */
    protected void assertEndState(CliengoSandbox.GenerateResult generated) {
        List<JsonNode> leads = cliengoLeads();
        assertThat(leads).hasSize(generated.leads());
        assertThat(leads).allSatisfy(lead -> assertThat(contactIdOf(lead)).as("the GHL contact of lead %s",
                lead.get("id").asText()).isNotNull());
        Map<String, List<JsonNode>> byContact = new HashMap<>();
        Map<String, String> contactOfEmail = new HashMap<>();
        Map<String, String> contactOfPhone = new HashMap<>();
        for (JsonNode lead : leads) {
            String contactId = contactIdOf(lead);
            byContact.computeIfAbsent(contactId, k -> new ArrayList<>()).add(lead);
            if (lead.hasNonNull("email")) {
                assertThat(contactOfEmail.putIfAbsent(lead.get("email").asText().toLowerCase(Locale.ROOT), contactId))
                        .as("the contact of every lead with email %s", lead.get("email").asText()).isIn(null, contactId);
            }
            if (lead.hasNonNull("phone")) {
                assertThat(contactOfPhone.putIfAbsent(lead.get("phone").asText(), contactId))
                        .as("the contact of every lead with phone %s", lead.get("phone").asText()).isIn(null, contactId);
            }
        }
        assertThat(byContact).as("one contact per person").hasSize(generated.people());
        assertThat(sandbox.ghl().location(LOCATION).contactCount()).as("contacts in GHL").isEqualTo(generated.people());

        long notes = 0;
        long tasks = 0;
        for (Map.Entry<String, List<JsonNode>> contact : byContact.entrySet()) {
            TreeSet<String> tags = new TreeSet<>(List.of("cliengo"));
            List<String> noteBodies = new ArrayList<>();
            List<String> taskTitles = new ArrayList<>();
            for (JsonNode lead : contact.getValue()) {
                lead.get("tags").forEach(t -> tags.add(t.asText().toLowerCase(Locale.ROOT)));
                String id = lead.get("id").asText();
                cliengo("/leads/" + id + "/notes").get("notes").forEach(n -> noteBodies.add(n.get("content").asText()));
                cliengo("/leads/" + id + "/tasks").get("tasks").forEach(t -> taskTitles.add(t.get("title").asText()));
            }
            String id = contact.getKey();
            assertThat(texts(ghl("/contacts/" + id).get("contact").get("tags"), null))
                    .as("tags of contact %s", id).containsExactlyInAnyOrderElementsOf(tags);
            assertThat(texts(ghl("/contacts/" + id + "/notes").get("notes"), "body"))
                    .as("notes of contact %s", id).containsExactlyInAnyOrderElementsOf(noteBodies);
            assertThat(texts(ghl("/contacts/" + id + "/tasks").get("tasks"), "title"))
                    .as("tasks of contact %s", id).containsExactlyInAnyOrderElementsOf(taskTitles);
            notes += noteBodies.size();
            tasks += taskTitles.size();
        }
        assertThat(notes).isEqualTo(generated.notes());
        assertThat(tasks).isEqualTo(generated.tasks());
    }

    /**
     * The GHL contact id of a Cliengo lead, as the lead carries it (the engine's write-back, enrichment); null when it
     * has none. The contact itself is then read from the GHL sandbox, so a wrong id fails there.
     */
    protected String contactIdOf(JsonNode lead) {
        return lead.hasNonNull("ghlContactId") ? lead.get("ghlContactId").asText() : null;
    }

    /**
     * The GHL writes of the whole run, per operation: one create per lead (with its tags: a new person's lead costs
     * that create plus its notes and tasks, so a new lead with tags and a note costs 2); a duplicate lead's create is
     * refused and it costs an upsert without tags and an add-tags; nothing else.
     */
    protected void assertCalls(CliengoSandbox.GenerateResult generated, Map<String, Long> before) {
        int duplicates = generated.duplicateEmails() + generated.duplicatePhones();
        assertThat(delta("create-contact", before)).as("create-contact").isEqualTo(generated.leads());
        assertThat(delta("upsert-contact", before)).as("upsert-contact").isEqualTo(duplicates);
        assertThat(delta("add-tags", before)).as("add-tags").isEqualTo(duplicates);
        assertThat(delta("create-note", before)).as("create-note").isEqualTo(generated.notes());
        assertThat(delta("create-task", before)).as("create-task").isEqualTo(generated.tasks());
        for (String other : List.of("remove-tags", "update-task", "update-task-completed", "create-association")) {
            assertThat(delta(other, before)).as(other).isZero();
        }
    }

    /**
     * Where the run stands, printed every 30 s while it runs (a slow or stuck run shows which stage holds it): the
     * inbox per source and state, the aggregators' open and completed batches, GHL's contacts, the dead letters.
     */
    protected String progress() {
        StringBuilder out = new StringBuilder("progress:");
        query("SELECT source_system, state, COUNT(*) FROM inbox GROUP BY source_system, state ORDER BY 1, 2",
                rs -> out.append(' ').append(rs.getString(1)).append('/').append(rs.getString(2)).append('=').append(rs.getLong(3)));
        return out.append(" open-batches=").append(count("SELECT COUNT(*) FROM cliengo_lead_events"))
                .append(" completed-batches=").append(count("SELECT COUNT(*) FROM cliengo_lead_events_completed"))
                .append(" ghl-contacts=").append(sandbox.ghl().location(LOCATION).contactCount())
                .append(" dead-letters=").append(count("SELECT COUNT(*) FROM dead_letter")).toString();
    }

    /**
     * Where a finished run's time went, per inbox source (cliengo: webhook events into the aggregator; cliengo-batches:
     * lead batches to GHL): items, items held in intake order (a sequence: new contacts), items tried more than once,
     * seconds from the run's first received event to the source's first and last finished item, and the mean and
     * largest wait of an item from received to finished. Printed, not asserted: it tells which stage a slow run waits on.
     */
    protected String stageTimes() {
        StringBuilder out = new StringBuilder("stage times:");
        Timestamp[] start = new Timestamp[1];
        query("SELECT MIN(received_at) FROM inbox WHERE source_system = 'cliengo'", rs -> start[0] = rs.getTimestamp(1));
        if (start[0] == null) {
            return out.append(" nothing received").toString();
        }
        for (String source : List.of("cliengo", "cliengo-batches")) {
            long[] s = new long[7]; // items, sequenced, retried, first done, last done, total wait, max wait
            s[3] = Long.MAX_VALUE;
            query("SELECT received_at, updated_at, attempts, intake_sequence FROM inbox WHERE source_system = ?"
                    + " AND state IN ('done', 'failed')", rs -> {
                long received = rs.getTimestamp(1).getTime();
                long finished = rs.getTimestamp(2).getTime() - start[0].getTime();
                s[0]++;
                s[1] += rs.getObject(4) == null ? 0 : 1;
                s[2] += rs.getInt(3) > 1 ? 1 : 0;
                s[3] = Math.min(s[3], finished);
                s[4] = Math.max(s[4], finished);
                long wait = rs.getTimestamp(2).getTime() - received;
                s[5] += wait;
                s[6] = Math.max(s[6], wait);
            }, source);
            out.append(String.format(Locale.ROOT, " %s: %d items (%d in intake order, %d retried), done from %.1f s to %.1f s,"
                    + " wait mean %.1f s max %.1f s;", source, s[0], s[1], s[2], s[3] / 1000.0, s[4] / 1000.0,
                    s[0] == 0 ? 0 : s[5] / 1000.0 / s[0], s[6] / 1000.0));
        }
        return out.toString();
    }

    /**
     * {@link #await} that prints {@link #progress()} every 30 s and with the failure, and looks at the condition only
     * every half second: these runs take minutes, and the condition (several COUNTs on the engine's own database) asked
     * every 20 ms took database time from the engine it waits for. Half a second is nothing against the run.
     */
    protected void awaitReporting(String what, Duration timeout, BooleanSupplier condition) {
        long[] next = {System.nanoTime()};
        long[] nextCheck = {System.nanoTime()};
        try {
            await(what, timeout, () -> {
                long now = System.nanoTime();
                if (now >= next[0]) {
                    next[0] += Duration.ofSeconds(30).toNanos();
                    System.out.println(progress());
                }
                if (now < nextCheck[0]) {
                    return false;
                }
                nextCheck[0] = now + Duration.ofMillis(500).toNanos();
                return condition.getAsBoolean();
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; " + progress() + "; " + stageTimes(), e);
        }
    }

    protected static Map<String, Long> ledger() {
        Map<String, Long> counts = new HashMap<>();
        WRITES.forEach(op -> counts.put(op, calls(op)));
        return counts;
    }

    private static long delta(String operationId, Map<String, Long> before) {
        return calls(operationId) - before.get(operationId);
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(item -> out.add(field == null ? item.asText() : item.get(field).asText()));
        return out;
    }
}
