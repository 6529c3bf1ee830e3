package io.ghlsync.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import io.ghlsync.mapping.GhlRequestSchemas;
import io.ghlsync.mapping.MappingContext;
import io.ghlsync.mapping.MappingRegistry;
import io.ghlsync.mapping.MappingResult;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property: every shipped mapping answers any record at all — hostile strings, huge numbers, wrong types, nesting —
 * with either an output or a list of errors each naming its field and reason; it never throws, so a record that cannot
 * be mapped always reaches the dead letters with its reason instead of failing the route some other way.
 */
class MappingPropertyTest {

    private static final MappingRegistry SHIPPED = new MappingRegistry(Path.of("mappings"), GhlRequestSchemas.shared(), Duration.ofDays(1));
    private static final MappingContext CONTEXT = MappingContext.of("locationId", "sandbox-location");
    /** The fields the shipped mappings read, so that most generated records reach their rules. */
    private static final List<String> FIELDS = List.of("id", "name", "firstName", "lastName", "email", "phone", "status",
            "tags", "channel", "createdAt", "updatedAt", "contact", "title", "description", "dueDate", "done", "completed",
            "content", "author", "contactId", "leadId", "country", "stage", "companyName", "type", "body", "source");

    @Provide
    Arbitrary<String> mappings() {
        return Arbitraries.of("cliengo-lead-to-ghl-contact", "cliengo-lead-to-ghl-tags", "cliengo-note-to-ghl-note",
                "cliengo-task-to-ghl-task", "clientjoy-client-to-ghl-contact", "ghl-contact-to-clientjoy-client",
                "ghl-task-to-clientjoy-task");
    }

    @Provide
    Arbitrary<JsonNode> records() {
        return Arbitraries.oneOf(HostileValues.objects(2, FIELDS), HostileValues.values(2));
    }

    @Property(tries = 400)
    void anyRecordGivesAnOutputOrErrorsWithReasons(@ForAll("mappings") String mapping, @ForAll("records") JsonNode record) {
        MappingResult result = SHIPPED.apply(mapping, record, CONTEXT);
        Statistics.label("result").collect(result.isOk() ? "mapped" : "errors");
        // a run where nothing ever mapped would say nothing about the outputs
        Statistics.label("result").coverage(coverage -> coverage.check("mapped").count(n -> n > 0));
        if (result.isOk()) {
            assertThat(result.output()).isNotNull();
            assertThat(result.errors()).isEmpty();
        } else {
            assertThat(result.errors()).isNotEmpty().allSatisfy(error -> {
                assertThat(error.target()).isNotNull();
                assertThat(error.code()).isNotBlank();
                assertThat(error.reason()).isNotBlank();
            });
        }
    }
}
