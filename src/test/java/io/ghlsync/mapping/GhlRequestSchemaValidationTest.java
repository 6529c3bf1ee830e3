package io.ghlsync.mapping;

import org.junit.jupiter.api.Test;

import static io.ghlsync.mapping.Fixtures.json;
import static io.ghlsync.mapping.Fixtures.map;
import static io.ghlsync.mapping.Fixtures.mapping;
import static org.assertj.core.api.Assertions.assertThat;

/** A mapped GHL payload is checked against the operation's request schema; each problem names the target and source field. */
class GhlRequestSchemaValidationTest {

    private static GhlRequestSchemas.Schema schema(String operation) {
        return GhlRequestSchemas.shared().forOperation(operation).orElseThrow();
    }

    @Test
    void aValidPayloadPasses() {
        assertThat(schema("upsert-contact").validate(json("{'locationId': 'loc', 'email': 'a@b.co', 'phone': '+5491145678901',"
                + " 'customFields': [{'key': 'k', 'field_value': 'v'}, {'id': 'abc', 'field_value': ['x', 'y']}]}"))).isEmpty();
        assertThat(schema("create-task").validate(json("{'title': 'Call', 'dueDate': '2024-05-03T18:00:00Z', 'completed': false}"))).isEmpty();
    }

    @Test
    void eachProblemNamesItsPath() {
        assertThat(schema("upsert-contact").validate(json("{'email': 'a@b.co', 'phone': '011 4567-8901', 'colour': 'red',"
                + " 'customFields': [{'field_value': 'v'}]}")))
                .extracting(MappingError::target)
                .containsExactlyInAnyOrder("locationId", "phone", "colour", "customFields[0].id", "customFields[0].key");
        assertThat(schema("create-task").validate(json("{'title': '', 'dueDate': 'tomorrow', 'completed': 'no'}")))
                .extracting(MappingError::target)
                .containsExactlyInAnyOrder("completed", "dueDate", "title");
    }

    @Test
    void schemaErrorsOfAMappingNameTheSourceFieldThatFedThem() throws Exception {
        Mapping mapping = mapping("schema-check", """
                operation: upsert-contact
                fields:
                  locationId: $context.locationId
                  country: address.country
                  dnd: {from: flags.dnd}
                customFields:
                  rating: {from: stars}
                """);
        MappingResult result = map(mapping, "{'address': {'country': 'Argentina'}, 'flags': {'dnd': 'yes'}, 'stars': 5}");
        assertThat(result.errors()).extracting(MappingError::target, MappingError::source, MappingError::code).containsExactly(
                org.assertj.core.groups.Tuple.tuple("country", "address.country", "schema"),
                org.assertj.core.groups.Tuple.tuple("customFields.rating.field_value", "stars", "schema"),
                org.assertj.core.groups.Tuple.tuple("dnd", "flags.dnd", "schema"));
        assertThat(result.errors().get(0).reason()).startsWith("upsert-contact request: ");
    }

    @Test
    void theSchemaCheckRunsOnlyOnAnOtherwiseValidRecord() throws Exception {
        Mapping mapping = mapping("schema-check", """
                operation: upsert-contact
                fields:
                  locationId: {from: $context.locationId, required: true}
                  country: address.country
                """);
        MappingResult result = mapping.apply(json("{'address': {'country': 'Argentina'}}"), MappingContext.empty());
        assertThat(result.errors()).extracting(MappingError::code).containsExactly("required");
    }
}
