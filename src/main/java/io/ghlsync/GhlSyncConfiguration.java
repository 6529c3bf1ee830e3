package io.ghlsync;

import io.ghlsync.ghl.GhlComponent;
import io.ghlsync.ghl.GhlLocationSettings;
import io.ghlsync.ghl.RetryAfterDelay;
import io.ghlsync.ghl.auth.TokenStore;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;

/** Wires the engine's beans into camel-main: the ghl component with its locations, and what the routes refer to. */
public class GhlSyncConfiguration implements CamelConfiguration {

    private final Settings settings;
    private final TokenStore tokenStore;

    public GhlSyncConfiguration(Settings settings, TokenStore tokenStore) {
        this.settings = settings;
        this.tokenStore = tokenStore;
    }

    @Override
    public void configure(CamelContext camelContext) {
        camelContext.addComponent("ghl", ghlComponent(settings, tokenStore));
        camelContext.getRegistry().bind("retryAfterDelay", new RetryAfterDelay(
                Long.parseLong(settings.get("ghl.retry.max-delay-ms", "60000"))));
    }

    /** The ghl component with every configured location; also used by the commands that call GHL directly. */
    public static GhlComponent ghlComponent(Settings settings, TokenStore tokenStore) {
        GhlComponent component = new GhlComponent();
        new GhlLocationSettings(settings).configure(component, tokenStore);
        return component;
    }
}
