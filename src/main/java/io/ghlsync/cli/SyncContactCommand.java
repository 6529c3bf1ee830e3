package io.ghlsync.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.ghlsync.operations.AdminClientException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code sync-contact <ghlContactId>}: the running engine copies one GHL contact, with its tasks, notes and
 * appointments, to Clientjoy now (created or updated, never duplicated), and this prints what it did.
 */
@Command(name = "sync-contact", description = "Copy one GHL contact with its tasks, notes and appointments to Clientjoy, through the running engine.")
public class SyncContactCommand implements Callable<Integer> {

    @Mixin
    EngineOptions engine = new EngineOptions();

    @Parameters(paramLabel = "<ghlContactId>", description = "the GHL contact id")
    String contactId;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try {
            JsonNode answer = engine.client().call("POST", "/admin/sync-contact/" + URLEncoder.encode(contactId, StandardCharsets.UTF_8), Map.of(), Duration.ofMinutes(2));
            spec.commandLine().getOut().println("synced GHL contact " + answer.path("contactId").asText()
                    + " to Clientjoy client " + answer.path("clientId").asText());
            spec.commandLine().getOut().flush();
            return 0;
        } catch (AdminClientException e) {
            spec.commandLine().getErr().println("ghl-sync: sync-contact: " + e.getMessage().replace('\n', ' '));
            spec.commandLine().getErr().flush();
            return 1;
        }
    }
}
