package io.ghlsync.mapping;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.ghlsync.mapping.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile records through the shipped Cliengo lead mapping: each gives a clear error with its field path (or the
 * right output), never an exception and never a silently wrong value. (Most hostile cases are sample files in
 * mappings/samples; these are the ones too big or too odd to keep as files.)
 */
class HostileInputTest {

    private static final MappingRegistry SHIPPED = new MappingRegistry(Fixtures.MAPPINGS, GhlRequestSchemas.shared(), Duration.ofDays(1));
    private static final String LEAD = "cliengo-lead-to-ghl-contact";
    private static final String MEGABYTE = "x".repeat(1024 * 1024);

    private static MappingResult lead(ObjectNode record) {
        return SHIPPED.apply(LEAD, record, Fixtures.SANDBOX);
    }

    private static ObjectNode goodLead() {
        return (ObjectNode) json("{'id': 'ld_1', 'name': 'Ana Gómez', 'email': 'ana@example.com', 'status': 'new'}");
    }

    @Test
    void aOneMegabyteNameIsRefusedByLengthInEveryFieldThatReadsIt() {
        ObjectNode record = goodLead();
        record.put("name", MEGABYTE);
        MappingResult result = lead(record);
        assertThat(result.errors()).extracting(MappingError::target).containsExactly("firstName", "lastName", "name");
        assertThat(result.errors()).allSatisfy(error -> {
            assertThat(error.source()).isEqualTo("name");
            assertThat(error.code()).isEqualTo("too-long");
            assertThat(error.reason()).isEqualTo("too long: 1048576 characters (this mapping accepts at most 10000 in a source value)");
        });
    }

    @Test
    void aOneMegabyteEmailPhoneOrTagListIsRefusedNotParsed() {
        ObjectNode record = goodLead();
        record.put("email", MEGABYTE + "@example.com");
        record.put("phone", "9".repeat(1024 * 1024));
        MappingResult result = lead(record);
        assertThat(result.errors()).extracting(MappingError::target).contains("email", "phone");
        assertThat(result.errors()).extracting(MappingError::code).containsOnly("too-long", "rule");

        ObjectNode tags = goodLead();
        tags.putArray("tags").add("web").add(MEGABYTE);
        MappingResult tagResult = SHIPPED.apply("cliengo-lead-to-ghl-tags", tags, Fixtures.SANDBOX);
        assertThat(tagResult.errors()).containsExactly(new MappingError("tags[1]", "tags[1]", "too-long",
                "too long: 1048576 characters (this mapping accepts at most 10000 in a source value)"));
    }

    @Test
    void aHugeListIsRefusedByItemCount() {
        ObjectNode record = goodLead();
        var tags = record.putArray("tags");
        for (int i = 0; i < 5000; i++) {
            tags.add("t" + i);
        }
        MappingResult result = SHIPPED.apply("cliengo-lead-to-ghl-tags", record, Fixtures.SANDBOX);
        assertThat(result.errors()).containsExactly(new MappingError("tags", "tags", "too-long",
                "too many items: 5000 (this mapping accepts at most 100)"));
    }

    @Test
    void aRecordThatIsNotAnObject() {
        for (String body : new String[] {"[1, 2]", "\"lead\"", "42", "null"}) {
            MappingResult result = SHIPPED.apply(LEAD, json(body), Fixtures.SANDBOX);
            assertThat(result.errors()).singleElement().satisfies(error -> {
                assertThat(error.code()).isEqualTo("input");
                assertThat(error.reason()).startsWith("the record must be a JSON object, got ");
            });
        }
        assertThat(SHIPPED.apply(LEAD, null, Fixtures.SANDBOX).errors().get(0).reason()).isEqualTo("the record must be a JSON object, got nothing");
    }

    @Test
    void jsonNullsAndEmptyStringsCountAsMissing() {
        MappingResult result = lead((ObjectNode) json("{'id': 'ld_1', 'name': null, 'email': null, 'phone': '', 'status': null}"));
        assertThat(result.errors()).containsExactly(new MappingError("email or phone", null, "rule",
                "GHL finds and de-duplicates contacts by email or phone; a lead with neither cannot be upserted"));
    }

    @Test
    void aMissingLocationIsAnErrorNotAGuess() {
        MappingResult result = SHIPPED.apply(LEAD, goodLead(), MappingContext.empty());
        assertThat(result.errors()).containsExactly(new MappingError("locationId", "$context.locationId", "required",
                "required, but $context.locationId has no value"));
    }

    @Test
    void rightToLeftTextWithDirectionMarksPassesUnchanged() {
        ObjectNode record = goodLead();
        record.put("name", "مريم\u200f العلي");
        MappingResult result = lead(record);
        assertThat(result.errors()).isEmpty();
        assertThat(result.output().get("firstName").textValue()).isEqualTo("مريم\u200f");
        assertThat(result.output().get("lastName").textValue()).isEqualTo("العلي");
    }

    @Test
    void deeplyNestedValuesDoNotBlowTheStack() {
        ObjectNode record = goodLead();
        ObjectNode node = record.putObject("customFields");
        for (int i = 0; i < 900; i++) {
            node = node.putObject("budget");
        }
        MappingResult result = lead(record);
        assertThat(result.errors()).singleElement().satisfies(error -> {
            assertThat(error.target()).isEqualTo("customFields.budget");
            assertThat(error.code()).isEqualTo("type");
        });
    }
}
