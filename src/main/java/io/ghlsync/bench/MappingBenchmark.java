package io.ghlsync.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ghlsync.mapping.Mapping;
import io.ghlsync.mapping.MappingContext;
import io.ghlsync.mapping.MappingRegistry;
import io.ghlsync.mapping.MappingResult;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Records per second through the shipped Cliengo lead → GHL contact mapping, on the shipped sample record. */
@State(Scope.Thread)
public class MappingBenchmark {

    @Param("mappings")
    public String mappingsDir;

    @Param("basic")
    public String sample;

    private Mapping mapping;
    private JsonNode record;
    private MappingContext context;

    @Setup
    public void load() throws IOException {
        MappingRegistry registry = MappingRegistry.open(Path.of(mappingsDir));
        mapping = registry.mapping("cliengo-lead-to-ghl-contact")
                .orElseThrow(() -> new IllegalStateException("cliengo-lead-to-ghl-contact is not in " + mappingsDir));
        record = new ObjectMapper().readTree(Files.readAllBytes(
                Path.of(mappingsDir, "samples", "cliengo-lead-to-ghl-contact", sample + ".json")));
        context = MappingContext.of(Map.of("locationId", "bench-location"));
        if (!mapping.apply(record, context).isOk()) {
            throw new IllegalStateException("the benchmark sample does not map cleanly");
        }
    }

    @Benchmark
    public MappingResult cliengoLeadToGhlContact() {
        return mapping.apply(record, context);
    }
}
