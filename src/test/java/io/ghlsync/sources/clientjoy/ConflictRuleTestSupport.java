package io.ghlsync.sources.clientjoy;

import io.ghlsync.Settings;
import io.ghlsync.sandbox.clientjoy.ClientjoyEdits.Kind;
import io.ghlsync.sandbox.clientjoy.ClientjoySandbox;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * clientjoy.sync.conflict, end to end: a contact renamed in GHL and its client renamed in Clientjoy before either side
 * saw the other's change (GHL's webhooks held back, the Clientjoy poll stopped); once the poll runs, both sandboxes
 * hold the winner's name.
 */
abstract class ConflictRuleTestSupport extends ClientjoyToGhlTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(60);
    static final String GHL_NAME = "Renamed in GHL";

    abstract String rule();

    @Override
    protected Settings settings() {
        return super.settings().override("clientjoy.sync.conflict", rule());
    }

    /** Renames on both sides ({@code clientjoyLast}: Clientjoy's edit second), runs the poll, answers the settled name. */
    String settledName(boolean clientjoyLast) throws Exception {
        return settledName(clientjoyLast, false);
    }

    /**
     * The same; with {@code ghlWebhookFirst}, GHL's webhook for its rename is delivered and applied before the poll
     * runs (so the GHL -> Clientjoy side meets the unpolled Clientjoy change).
     */
    String settledName(boolean clientjoyLast, boolean ghlWebhookFirst) throws Exception {
        GhlClient ghl = new GhlClient(sandbox.ghlBaseUrl());
        ClientjoySandbox clientjoy = sandbox.clientjoy();
        String contactId = ghl.send("POST", "/contacts/", "{\"locationId\":\"" + LOCATION + "\",\"firstName\":\"Ana\","
                + "\"email\":\"ana.conflict@example.com\"}").at("/contact/id").asText();
        await("the contact is in Clientjoy, linked", WAIT, () -> clientjoy.clientCount() == 1 && unfinished() == 0);
        String clientId = clientjoy.clientByExternalId(contactId).get("id").asText();

        context.getRouteController().stopRoute("clientjoy-poll");
        if (!ghlWebhookFirst) {
            sandbox.ghl().webhookUrl(null);
        }
        int delivered = sandbox.ghl().webhookDeliveries().size();
        // the second edit is a second later on its side's clock, so that the order of the stamps is certain
        if (!clientjoyLast) {
            clientjoy.edit(Kind.RENAME, clientId, 1);
            sandbox.ghl().clock().advance(Duration.ofSeconds(1));
        }
        ghl.send("PUT", "/contacts/" + contactId, "{\"firstName\":\"" + GHL_NAME + "\"}");
        if (clientjoyLast) {
            clientjoy.clock().advance(Duration.ofSeconds(1));
            clientjoy.edit(Kind.RENAME, clientId, 1);
        }
        String clientjoyName = clientjoy.client(clientId).get("first_name").asText();
        if (ghlWebhookFirst) {
            await("GHL's ContactUpdate was applied", WAIT, () -> sandbox.ghl().webhookDeliveries().size() > delivered && unfinished() == 0);
        }
        context.getRouteController().startRoute("clientjoy-poll");

        await("both sides hold one name", WAIT, () -> unfinished() == 0 && clientjoy.client(clientId).get("first_name").asText()
                .equals(ghl.send("GET", "/contacts/" + contactId, null).at("/contact/firstName").asText()));
        assertThat(deadLetters()).as("%s", deadLetterReasons()).isZero();
        String settled = clientjoy.client(clientId).get("first_name").asText();
        assertThat(settled).isIn(GHL_NAME, clientjoyName);
        return settled.equals(GHL_NAME) ? "ghl" : "clientjoy";
    }
}
