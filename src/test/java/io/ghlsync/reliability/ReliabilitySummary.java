package io.ghlsync.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The reliability suite's summary, {@code target/reliability-summary.md}: one row per scenario run in this JVM
 * (scenario, faults injected, records sent, delivered, duplicates, dead letters, result), rewritten and printed after
 * each scenario, so that a run of one scenario or of the whole suite leaves a complete table of what it ran.
 */
final class ReliabilitySummary {

    /** A scenario's figures, read from the sandbox's stored state and the engine's dead letters. */
    record Row(String scenario, String faults, long sent, long delivered, long duplicates, long deadLetters,
               String result) {
    }

    private static final Path FILE = Path.of("target", "reliability-summary.md");
    private static final List<Row> ROWS = new ArrayList<>();

    private ReliabilitySummary() {
    }

    static synchronized void record(Row row) {
        ROWS.removeIf(r -> r.scenario().equals(row.scenario()));
        ROWS.add(row);
        ROWS.sort((a, b) -> a.scenario().compareTo(b.scenario()));
        StringBuilder table = new StringBuilder("# Reliability suite summary\n\n")
                .append("| scenario | faults injected | records sent | records delivered | duplicates | dead letters | result |\n")
                .append("| --- | --- | ---: | ---: | ---: | ---: | --- |\n");
        for (Row r : ROWS) {
            table.append("| ").append(r.scenario()).append(" | ").append(r.faults()).append(" | ").append(r.sent())
                    .append(" | ").append(r.delivered()).append(" | ").append(r.duplicates()).append(" | ")
                    .append(r.deadLetters()).append(" | ").append(r.result()).append(" |\n");
        }
        try {
            Files.createDirectories(FILE.getParent());
            Files.writeString(FILE, table, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.println(table);
    }
}
