package io.ghlsync.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Scenario 2, calls per record: the GHL calls (sandbox ledger) for N new leads with tags and a note (lead.created,
 * tags.added, note.added), the same leads updated (a new name), the same update again (unchanged), and one tag added
 * to all N contacts; the naive client handles the same events one call each.
 */
final class CallsPerRecordScenario {

    private static final String NAME = "2 calls per record";
    private static final List<String> TAGS = List.of("vip", "promo");
    private static final List<String> ALL_TAGS = List.of("vip", "promo", "caliente");

    private final int contacts;
    private final RigSource rigs;

    CallsPerRecordScenario(RigSource rigs) {
        this.contacts = rigs.smoke() ? 10 : 500;
        this.rigs = rigs;
    }

    List<BenchRow> run() throws IOException {
        // a full run keeps the shipped aggregation window (1.5 s)
        Duration quiet = rigs.quiet();
        Duration timeout = Duration.ofMinutes(5);
        try (BenchRig rig = rigs.open("calls", BenchRig.NO_LIMITS, Map.of())) {
            Map<Integer, String> naiveIds = new ConcurrentHashMap<>();

            long before = rig.engineCalls();
            LoadPool.run(contacts, 8, i -> {
                rig.webhooks.post(CliengoWebhookClient.leadCreated(lead(i), "Ana " + i, TAGS));
                rig.webhooks.post(CliengoWebhookClient.tagsAdded(lead(i), List.of("caliente")));
                rig.webhooks.post(CliengoWebhookClient.noteAdded(lead(i), "Quiere una demo " + i));
            });
            rig.awaitSettled(quiet, timeout);
            double oursNew = perLead(rig.engineCalls() - before);
            long naiveBefore = rig.naiveCalls();
            LoadPool.run(contacts, 8, i -> {
                String id = rig.naive.createContact(lead(i), "Ana " + i, TAGS);
                naiveIds.put(i, id);
                rig.naive.addTags(id, List.of("caliente"));
                rig.naive.createNote(id, "Quiere una demo " + i);
            });
            double naiveNew = perLead(rig.naiveCalls() - naiveBefore);

            double[] updated = updates(rig, "Ana Updated ", quiet, timeout);
            double[] unchanged = updates(rig, "Ana Updated ", quiet, timeout);

            before = rig.engineCalls();
            LoadPool.run(contacts, 8, i -> rig.webhooks.post(CliengoWebhookClient.tagsAdded(lead(i), List.of("black friday"))));
            rig.awaitSettled(quiet, timeout);
            long oursTags = rig.engineCalls() - before;
            naiveBefore = rig.naiveCalls();
            LoadPool.run(contacts, 8, i -> rig.naive.addTags(naiveIds.get(i), List.of("black friday")));
            long naiveTags = rig.naiveCalls() - naiveBefore;

            return List.of(
                    BenchRow.of(NAME, "calls per new lead with tags and a note", oursNew, naiveNew, "<= 2"),
                    BenchRow.of(NAME, "calls per updated lead", updated[0], updated[1], "<= 1"),
                    BenchRow.of(NAME, "calls per unchanged lead", unchanged[0], unchanged[1], "0"),
                    BenchRow.of(NAME, "calls for a tag added to " + contacts + " contacts", oursTags, naiveTags,
                            "<= " + Math.max(1, contacts / 100)));
        }
    }

    /** lead.updated with this name and the tags the contact has; {ours, naive} calls per lead. */
    private double[] updates(BenchRig rig, String name, Duration quiet, Duration timeout) {
        long before = rig.engineCalls();
        LoadPool.run(contacts, 8, i -> rig.webhooks.post(CliengoWebhookClient.leadUpdated(lead(i), name + i, ALL_TAGS)));
        rig.awaitSettled(quiet, timeout);
        double ours = perLead(rig.engineCalls() - before);
        long naiveBefore = rig.naiveCalls();
        LoadPool.run(contacts, 8, i -> rig.naive.upsertContact(lead(i), name + i));
        return new double[] {ours, perLead(rig.naiveCalls() - naiveBefore)};
    }

    private double perLead(long calls) {
        return (double) calls / contacts;
    }

    private static String lead(int i) {
        return "ld_calls_" + i;
    }
}
