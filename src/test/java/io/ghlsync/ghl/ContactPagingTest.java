package io.ghlsync.ghl;

import io.ghlsync.sandbox.ghl.ContactSeeder;
import io.ghlsync.sandbox.ghl.GhlSandbox;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Paging GET /contacts/ with startAfterId/startAfter through the component returns every contact exactly once. */
class ContactPagingTest extends GhlSandboxTestSupport {

    @Test
    void pagingThrough1050ContactsReturnsEachExactlyOnce() {
        ghlSandbox().seed(GhlSandbox.DEFAULT_LOCATION_ID, new ContactSeeder.Plan(1050, 0, 0, 0, 0));

        Map<String, Integer> seen = new HashMap<>();
        Map<String, Object> parameters = new LinkedHashMap<>(Map.of("limit", 100));
        int pages = 0;
        while (true) {
            Map<String, Object> page = ok(call("get-contacts", parameters, null));
            List<?> contacts = (List<?>) page.get("contacts");
            if (contacts.isEmpty()) {
                break;
            }
            pages++;
            contacts.forEach(c -> seen.merge((String) ((Map<?, ?>) c).get("id"), 1, Integer::sum));
            Map<?, ?> meta = (Map<?, ?>) page.get("meta");
            if (meta.get("startAfterId") == null) {
                break;
            }
            parameters.put("startAfterId", meta.get("startAfterId"));
            parameters.put("startAfter", meta.get("startAfter"));
        }
        assertThat(seen).hasSize(1050);
        assertThat(seen.values()).allMatch(n -> n == 1);
        assertThat(pages).isEqualTo(11);
    }
}
