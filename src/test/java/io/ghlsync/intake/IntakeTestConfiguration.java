package io.ghlsync.intake;

import io.ghlsync.GhlSyncConfiguration;
import io.ghlsync.Settings;
import io.ghlsync.state.StateDatabase;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.support.service.ServiceSupport;

import java.nio.file.Path;

/**
 * The beans of the intake test routes, wired as the engine wires its own: the state database (the inbox component finds
 * it), the ghl component on the sandbox location, the idempotent repository and the test probe.
 */
final class IntakeTestConfiguration implements CamelConfiguration {

    static final String REPOSITORY_SCOPE = "test-contact";

    private final Path dataDirectory;
    private final String ghlBaseUrl;
    private final ProcessingProbe probe;

    IntakeTestConfiguration(Path dataDirectory, String ghlBaseUrl, ProcessingProbe probe) {
        this.dataDirectory = dataDirectory;
        this.ghlBaseUrl = ghlBaseUrl;
        this.probe = probe;
    }

    @Override
    public void configure(CamelContext camelContext) throws Exception {
        StateDatabase database = StateDatabase.embedded(dataDirectory);
        camelContext.addService(new ServiceSupport() {
            @Override
            protected void doStop() {
                database.close();
            }
        });
        camelContext.getRegistry().bind("stateDatabase", database);
        camelContext.getRegistry().bind("processedTestEvents", database.idempotentRepository(REPOSITORY_SCOPE));
        probe.database(database);
        camelContext.getRegistry().bind("probe", probe);
        Settings settings = Settings.load()
                .override("ghl.base-url", ghlBaseUrl)
                .override("ghl.location-id", "sandbox-location")
                .override("ghl.token", "sandbox-token");
        camelContext.addComponent("ghl", GhlSyncConfiguration.ghlComponent(settings, null));
    }
}
