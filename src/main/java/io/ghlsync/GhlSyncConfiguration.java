package io.ghlsync;

import io.ghlsync.ghl.GhlComponent;
import io.ghlsync.ghl.GhlLocationSettings;
import io.ghlsync.ghl.RetryAfterDelay;
import io.ghlsync.ghl.auth.TokenStore;
import io.ghlsync.mapping.Mappings;
import io.ghlsync.operations.ClientjoyAdminApi;
import io.ghlsync.operations.ReconcileAdminApi;
import io.ghlsync.operations.AdminAuth;
import io.ghlsync.operations.EngineHealth;
import io.ghlsync.operations.EngineMetrics;
import io.ghlsync.operations.HawtioConsole;
import io.ghlsync.operations.Operations;
import io.ghlsync.sources.cliengo.ActivityAdoption;
import io.ghlsync.sources.cliengo.ActivityLinks;
import io.ghlsync.sources.cliengo.CliengoPoll;
import io.ghlsync.sources.cliengo.CliengoWebhookVerifier;
import io.ghlsync.sources.cliengo.ContactAdoption;
import io.ghlsync.sources.cliengo.ContactTagBatch;
import io.ghlsync.sources.cliengo.LeadEventBatch;
import io.ghlsync.sources.cliengo.LeadEnrichment;
import io.ghlsync.sources.cliengo.LeadLinks;
import io.ghlsync.sources.clientjoy.Backfills;
import io.ghlsync.sources.clientjoy.ClientjoyLinks;
import io.ghlsync.sources.clientjoy.ClientjoyPaths;
import io.ghlsync.sources.clientjoy.ClientjoyPoll;
import io.ghlsync.sources.clientjoy.ClientjoyToGhl;
import io.ghlsync.sources.clientjoy.GhlPoll;
import io.ghlsync.sources.clientjoy.Reconciliation;
import io.ghlsync.sources.clientjoy.SyncConflicts;
import io.ghlsync.sources.ghl.GhlWebhookVerifier;
import io.ghlsync.state.DeadLetters;
import io.ghlsync.state.AggregationWatermark;
import io.ghlsync.state.DurableAggregations;
import io.ghlsync.state.StaleAggregationSweep;
import io.ghlsync.state.JdbcInbox;
import io.ghlsync.state.JdbcReconcileSeen;
import io.ghlsync.state.StateDatabase;
import io.ghlsync.state.TokenCipher;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.processor.aggregate.jdbc.JdbcAggregationRepository;
import org.apache.camel.support.service.ServiceSupport;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Wires the engine's beans into camel-main: the state database, the ghl component with its locations, the webhook
 * verifiers, the mappings.
 */
public class GhlSyncConfiguration implements CamelConfiguration {

    private final Settings settings;
    private final Clock ghlClock;

    public GhlSyncConfiguration(Settings settings) {
        this(settings, Clock.systemUTC());
    }

    /** With the clock the ghl component reads (token expiry, the daily quota's reset): a sandbox's, to move both at once. */
    public GhlSyncConfiguration(Settings settings, Clock ghlClock) {
        this.settings = settings;
        this.ghlClock = ghlClock;
    }

    @Override
    public void configure(CamelContext camelContext) throws Exception {
        StateDatabase database = StateDatabase.open(settings);
        // Closed by Camel after the routes have stopped, so in-flight exchanges can still write their state.
        camelContext.addService(new ServiceSupport() {
            @Override
            protected void doStop() {
                database.close();
            }
        });
        camelContext.getRegistry().bind("stateDatabase", database);
        camelContext.addComponent("ghl", ghlComponent(settings, tokenStore(database, settings), ghlClock));
        camelContext.getRegistry().bind("retryAfterDelay", new RetryAfterDelay(
                Long.parseLong(settings.get("ghl.retry.max-delay-ms", "60000"))));
        // after retryAfterDelay, which the dead-letter channel's failedAttempt hands over to
        DeadLetters deadLetters = Operations.bind(camelContext, database, settings);
        EngineHealth.bind(camelContext, database, deadLetters, settings);
        if (Boolean.parseBoolean(settings.get("ghlsync.hawtio.enabled", "true"))) {
            HawtioConsole hawtio = HawtioConsole.from(settings,
                    camelContext.getRegistry().lookupByNameAndType("adminAuth", AdminAuth.class));
            camelContext.getRegistry().bind("hawtioConsole", hawtio);
            camelContext.addService(hawtio);
        }
        camelContext.addService(new EngineMetrics(camelContext, JdbcInbox.on(database), deadLetters));
        camelContext.getRegistry().bind("cliengoWebhookVerifier", CliengoWebhookVerifier.from(settings));
        camelContext.getRegistry().bind("ghlWebhookVerifier", GhlWebhookVerifier.from(settings));
        String defaultLocationId = new GhlLocationSettings(settings).locationIds().get(0);
        bindCliengo(camelContext, database, defaultLocationId);
        bindClientjoy(camelContext, database, defaultLocationId);
        Mappings.bind(camelContext, Path.of(settings.get("ghlsync.mappings.dir", "mappings")),
                Duration.ofMillis(Long.parseLong(settings.get("ghlsync.mappings.check-interval-ms", "2000"))),
                Map.of("locationId", defaultLocationId));
    }

    /**
     * The Cliengo -> GHL flow (routes/cliengo-*.camel.yaml): which lead, note and task went to which GHL record, the
     * durable aggregators, polling and enrichment.
     */
    private void bindCliengo(CamelContext camelContext, StateDatabase database, String defaultLocationId) {
        camelContext.getRegistry().bind("leadLinks", new LeadLinks(database.links(), defaultLocationId));
        camelContext.getRegistry().bind("activityLinks", new ActivityLinks(database.links(), defaultLocationId));
        // what an earlier attempt may have created already, looked up in GHL before a create (EarlierAttempt)
        camelContext.getRegistry().bind("cliengoContactAdoption", new ContactAdoption());
        camelContext.getRegistry().bind("cliengoNoteAdoption", ActivityAdoption.notes(database.links(), defaultLocationId));
        camelContext.getRegistry().bind("cliengoTaskAdoption", ActivityAdoption.tasks(database.links(), defaultLocationId));
        // the aggregators of routes/cliengo-to-ghl.camel.yaml, durable in the state database (migration V3)
        Duration recovery = Duration.ofMillis(Long.parseLong(settings.get("cliengo.aggregate.recovery-interval-ms", "5000")));
        int recoveries = Integer.parseInt(settings.get("cliengo.aggregate.max-recoveries", "5"));
        camelContext.getRegistry().bind("cliengoLeadEvents", new LeadEventBatch(
                Duration.ofMillis(Long.parseLong(settings.get("cliengo.aggregate.max-age-ms", "30000"))), Clock.systemUTC()));
        JdbcAggregationRepository leadAggregation =
                DurableAggregations.on(database, "cliengo_lead_events", recovery, recoveries, "direct:dead-letter");
        // each batch's intake sequence as a column (migration V4): the watermark of inbox:cliengo-batches reads it
        leadAggregation.setHeadersToStoreAsText(List.of(LeadEventBatch.FIRST_SEQUENCE));
        camelContext.getRegistry().bind("cliengoLeadAggregation", leadAggregation);
        camelContext.getRegistry().bind("cliengoBatchWatermark",
                new AggregationWatermark(database, "cliengo", "cliengo_lead_events", LeadEventBatch.FIRST_SEQUENCE));
        camelContext.getRegistry().bind("cliengoContactTags", new ContactTagBatch());
        camelContext.getRegistry().bind("cliengoTagAggregation",
                DurableAggregations.on(database, "cliengo_tag_additions", recovery, recoveries, "direct:dead-letter"));
        // completes batches whose completion timeout a database outage dropped (routes/cliengo-to-ghl.camel.yaml)
        camelContext.getRegistry().bind("cliengoLeadSweep",
                new StaleAggregationSweep(database, "cliengo_lead_events", "cliengo-lead-aggregator", "direct:cliengo-store-batch"));
        camelContext.getRegistry().bind("cliengoTagSweep",
                new StaleAggregationSweep(database, "cliengo_tag_additions", "cliengo-tag-aggregator", null));
        camelContext.getRegistry().bind("cliengoPoll", new CliengoPoll(database.pollCursors(),
                Integer.parseInt(settings.get("cliengo.poll.page-size", "100")), Clock.systemUTC()));
        camelContext.getRegistry().bind("leadEnrichment", new LeadEnrichment(
                Boolean.parseBoolean(settings.get("cliengo.enrich.enabled", "true")),
                Boolean.parseBoolean(settings.get("cliengo.enrich.tags", "false"))));
    }

    /**
     * The GHL -> Clientjoy flow (routes/ghl-to-clientjoy.camel.yaml): links, Clientjoy paths, the backfill with its
     * pool of contact workers, and its admin API.
     */
    private void bindClientjoy(CamelContext camelContext, StateDatabase database, String defaultLocationId) {
        camelContext.getRegistry().bind("clientjoyLinks", new ClientjoyLinks(database.links(), defaultLocationId));
        camelContext.getRegistry().bind("clientjoyPaths", new ClientjoyPaths());
        // Clientjoy -> GHL (routes/clientjoy-to-ghl.camel.yaml)
        camelContext.getRegistry().bind("clientjoyPoll", new ClientjoyPoll(database.pollCursors(), database.links(),
                defaultLocationId, Integer.parseInt(settings.get("clientjoy.to-ghl.page-size", "100"))));
        camelContext.getRegistry().bind("clientjoyToGhl", new ClientjoyToGhl(database.links(), defaultLocationId,
                settings.get("clientjoy.to-ghl.contact-source", "Clientjoy")));
        camelContext.getRegistry().bind("syncConflicts", new SyncConflicts(
                SyncConflicts.Rule.parse(settings.get("clientjoy.sync.conflict", "ghl-wins")), database.links(), defaultLocationId));
        Backfills backfills = new Backfills(database.pollCursors(), camelContext,
                Integer.parseInt(settings.get("clientjoy.backfill.page-size", "100")), Clock.systemUTC());
        camelContext.getRegistry().bind("backfills", backfills);
        camelContext.getRegistry().bind("clientjoyAdminApi", new ClientjoyAdminApi(backfills, defaultLocationId));
        // what webhooks miss (routes/ghl-reconcile.camel.yaml): the incremental poll and the reconciliation
        GhlPoll poll = new GhlPoll(database.pollCursors(), defaultLocationId,
                Integer.parseInt(settings.get("ghl.poll.page-size", "100")),
                Duration.ofSeconds(Long.parseLong(settings.get("ghl.poll.overlap-seconds", "300"))), Clock.systemUTC());
        camelContext.getRegistry().bind("ghlPoll", poll);
        Reconciliation reconciliation = new Reconciliation(new JdbcReconcileSeen(database.dataSource()), defaultLocationId,
                Integer.parseInt(settings.get("ghl.reconcile.page-size", "100")),
                Integer.parseInt(settings.get("ghl.reconcile.max-delete-percent", "20")), Clock.systemUTC());
        camelContext.getRegistry().bind("reconciliation", reconciliation);
        camelContext.getRegistry().bind("reconcileAdminApi", new ReconcileAdminApi(reconciliation, poll));
        camelContext.getRegistry().bind("clientjoyBackfillPool", camelContext.getExecutorServiceManager().newFixedThreadPool(
                this, "clientjoy-backfill", Integer.parseInt(settings.get("clientjoy.backfill.parallelism", "4"))));
    }

    /** The ghl component with every configured location; also used by the commands that call GHL directly. */
    public static GhlComponent ghlComponent(Settings settings, TokenStore tokenStore) {
        return ghlComponent(settings, tokenStore, Clock.systemUTC());
    }

    private static GhlComponent ghlComponent(Settings settings, TokenStore tokenStore, Clock clock) {
        GhlComponent component = new GhlComponent();
        component.setClock(clock);
        new GhlLocationSettings(settings).configure(component, tokenStore);
        return component;
    }

    /**
     * Where OAuth tokens are kept: encrypted with GHLSYNC_SECRET_KEY. The sandbox, whose tokens are worthless, may use a
     * key that lives only as long as the process; a real OAuth location without a key is refused at start-up.
     */
    public static TokenStore tokenStore(StateDatabase database, Settings settings) {
        String secret = settings.apply("ghlsync.secret-key");
        if (secret != null) {
            return database.tokenStore(TokenCipher.fromSecret(secret));
        }
        return Boolean.parseBoolean(settings.get("ghlsync.sandbox", "false")) ? database.tokenStore(TokenCipher.withRandomKey()) : null;
    }
}
