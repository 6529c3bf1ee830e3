package io.ghlsync.sources.clientjoy;

import com.fasterxml.jackson.databind.JsonNode;
import io.ghlsync.state.ContentHash;
import io.ghlsync.state.Link;
import io.ghlsync.state.Links;
import org.apache.camel.Exchange;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/**
 * Who wins when a contact changed on both sides since the link's hash (clientjoy.sync.conflict): {@code ghl-wins}
 * (the default: GHL is the hub), {@code clientjoy-wins}, or {@code last-writer-wins} by GHL's {@code dateUpdated}
 * against Clientjoy's {@code updated_at} (a tie goes to GHL). When only one side changed, that side is applied.
 */
public final class SyncConflicts {

    /** Set by {@link #onClientjoyChange}: true when the Clientjoy client is written to GHL, false when GHL's contact wins. */
    public static final String CLIENTJOY_WINS = "clientjoyWins";
    private static final String GHL_DATE_UPDATED = "ghlDateUpdated";

    public enum Rule {
        GHL_WINS, CLIENTJOY_WINS, LAST_WRITER_WINS;

        public static Rule parse(String text) {
            try {
                return valueOf(text.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("clientjoy.sync.conflict must be ghl-wins, clientjoy-wins or last-writer-wins, not '"
                        + text + "'");
            }
        }
    }

    private final Rule rule;
    private final ClientjoyLinks clientjoyLinks;

    public SyncConflicts(Rule rule, Links links, String locationId) {
        this.rule = rule;
        this.clientjoyLinks = new ClientjoyLinks(links, locationId);
    }

    public Rule rule() {
        return rule;
    }

    /**
     * A Clientjoy client changed (variable {@code clientjoyClient}); the body is its GHL contact (variable
     * {@code ghlContact}) mapped to Clientjoy's shape. Decides {@link #CLIENTJOY_WINS}: GHL's contact unchanged since the
     * link (its hash is the link's) means only Clientjoy changed; otherwise both did and the rule decides.
     */
    public void onClientjoyChange(Exchange exchange) {
        String ghlHash = ContentHash.of(ClientjoyToGhl.json(exchange.getMessage().getBody()));
        boolean ghlChanged = contactLink(exchange).map(l -> !l.unchanged(ghlHash)).orElse(true);
        JsonNode client = ClientjoyToGhl.json(exchange.getVariable(ClientjoyToGhl.CLIENT));
        JsonNode contact = ClientjoyToGhl.json(exchange.getVariable(ClientjoyToGhl.GHL_CONTACT));
        exchange.setVariable(CLIENTJOY_WINS, !ghlChanged
                || clientjoyWins(client.path("updated_at").asText(null), contact.path("dateUpdated").asText(null)));
    }

    /** GHL's contact (the body, before it is mapped) carries dateUpdated: kept for {@link #onGhlChange}. */
    public void noteGhlDateUpdated(Exchange exchange) {
        exchange.setVariable(GHL_DATE_UPDATED, ClientjoyToGhl.json(exchange.getMessage().getBody()).path("dateUpdated").asText(null));
    }

    /**
     * True when a GHL change about to be written to Clientjoy must first be held against the client as Clientjoy has it:
     * the rule is not ghl-wins, the write is not forced, and the GHL contact differs from the link (hash computed).
     */
    public boolean readsClientjoyFirst(Exchange exchange) {
        if (rule == Rule.GHL_WINS || Boolean.TRUE.equals(exchange.getVariable(ClientjoyLinks.FORCE, Boolean.class))) {
            return false;
        }
        String hash = exchange.getVariable(ClientjoyLinks.HASH, String.class);
        return contactLink(exchange).map(l -> !l.unchanged(hash)).orElse(false);
    }

    /**
     * A GHL change meets the client as Clientjoy has it (the body: projected onto the managed fields; variable
     * {@code clientjoyClient}): changed there too since the link, and Clientjoy winning by the rule, sets
     * {@code clientjoySkip} so the GHL change is not written.
     */
    public void onGhlChange(Exchange exchange) {
        String clientjoyHash = ContentHash.of(ClientjoyToGhl.json(exchange.getMessage().getBody()));
        boolean clientjoyChanged = contactLink(exchange).map(l -> !l.unchanged(clientjoyHash)).orElse(false);
        JsonNode client = ClientjoyToGhl.json(exchange.getVariable(ClientjoyToGhl.CLIENT));
        if (clientjoyChanged && clientjoyWins(client.path("updated_at").asText(null), exchange.getVariable(GHL_DATE_UPDATED, String.class))) {
            exchange.setVariable(ClientjoyLinks.SKIP, true);
        }
    }

    /** The link of the GHL contact the route works on ({@code ghlContactId}) to its Clientjoy client. */
    private Optional<Link> contactLink(Exchange exchange) {
        return clientjoyLinks.contactLink(exchange, exchange.getVariable(ClientjoyLinks.CONTACT_ID, String.class));
    }

    /** Both sides changed: true when the rule gives it to Clientjoy. */
    boolean clientjoyWins(String clientjoyUpdatedAt, String ghlDateUpdated) {
        return switch (rule) {
            case GHL_WINS -> false;
            case CLIENTJOY_WINS -> true;
            case LAST_WRITER_WINS -> {
                OffsetDateTime clientjoy = parse(clientjoyUpdatedAt);
                OffsetDateTime ghl = parse(ghlDateUpdated);
                yield clientjoy != null && (ghl == null || clientjoy.isAfter(ghl));
            }
        };
    }

    private static OffsetDateTime parse(String text) {
        try {
            return text == null ? null : OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
