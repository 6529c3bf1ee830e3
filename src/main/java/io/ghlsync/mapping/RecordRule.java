package io.ghlsync.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * A rule over the whole mapped record ({@code rules:} in a mapping). Today one kind: {@code atLeastOne: [email, phone]}
 * — at least one of these target fields must have a value after mapping (GHL matches contacts by email or phone).
 */
final class RecordRule {

    private final List<String> targets;
    private final String reason;

    RecordRule(List<String> targets, String reason) {
        this.targets = List.copyOf(targets);
        this.reason = reason != null ? reason : "needs at least one of " + String.join(", ", targets);
    }

    List<String> targets() {
        return targets;
    }

    MappingError check(ObjectNode output, RecordScope scope) {
        for (String target : targets) {
            JsonNode node = output;
            for (String segment : target.split("\\.")) {
                node = node == null ? null : node.get(segment);
            }
            if (!Json.isAbsent(node)) {
                return null;
            }
        }
        return new MappingError(String.join(" or ", targets), null, "rule", reason);
    }
}
