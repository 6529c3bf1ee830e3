package io.ghlsync.sandbox;

import io.ghlsync.sandbox.cliengo.CliengoSandbox;
import io.ghlsync.sandbox.clientjoy.ClientjoySandbox;
import io.ghlsync.sandbox.ghl.GhlSandbox;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The local HTTP server of the sandbox: GHL under {@code /ghl} (controls under {@code /_sandbox/ghl}), Cliengo under
 * {@code /cliengo} (controls under {@code /_sandbox/cliengo}), Clientjoy under {@code /clientjoy} (controls under
 * {@code /_sandbox/clientjoy}), and any other {@link SandboxApp} added before {@link #start()};
 * each with its own {@link FaultInjector} in front of its API and fault controls at {@code /_sandbox/<name>/faults}. Used in-process by tests and by the {@code sandbox}/{@code run} commands.
 */
public final class SandboxServer implements AutoCloseable {

    public static final int DEFAULT_PORT = 8099;

    private final int requestedPort;
    private final String host;
    private final GhlSandbox ghl;
    private final CliengoSandbox cliengo = new CliengoSandbox();
    private final ClientjoySandbox clientjoy = new ClientjoySandbox();
    private final List<SandboxApp> apps = new CopyOnWriteArrayList<>();
    private final Map<String, FaultInjector> faults = new ConcurrentHashMap<>();
    private final List<HttpServer> servers = new ArrayList<>();
    private Vertx vertx;
    private volatile int port = -1;

    public SandboxServer() {
        this(DEFAULT_PORT);
    }

    /** {@code port} 0 picks a free port; read it back with {@link #port()}. */
    public SandboxServer(int port) {
        this(port, new GhlSandbox());
    }

    public SandboxServer(int port, GhlSandbox ghl) {
        this(port, "0.0.0.0", ghl);
    }

    /**
     * {@code host} is the interface to listen on: all of them by default (containers, other machines of a demo);
     * {@code 127.0.0.1} keeps the unauthenticated control API to this machine.
     */
    public SandboxServer(int port, String host, GhlSandbox ghl) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, not " + port);
        }
        this.requestedPort = port;
        this.host = host;
        this.ghl = ghl;
        apps.add(ghl);
        apps.add(cliengo);
        apps.add(clientjoy);
    }

    /** Adds another look-alike (Cliengo, Clientjoy); must be called before {@link #start()}. */
    public SandboxServer add(SandboxApp app) {
        if (vertx != null) {
            throw new IllegalStateException("add sandboxes before start()");
        }
        if (apps.stream().anyMatch(a -> a.name().equals(app.name()))) {
            throw new IllegalArgumentException("a sandbox is already mounted at /" + app.name());
        }
        apps.add(app);
        return this;
    }

    /**
     * Starts one HTTP server per event loop on the same port (Vert.x spreads connections between them), so the
     * sandbox uses every core without a lock around request handling.
     */
    public synchronized SandboxServer start() {
        if (vertx != null) {
            return this;
        }
        int loops = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(loops).setWorkerPoolSize(4));
        try {
            apps.forEach(app -> app.start(vertx));
            // Vert.x shares one listening socket between servers asking for the same port; for a random port that is
            // spelled -1 (a negative port is "a random port, shared by every server that asks for it")
            int listenOn = requestedPort == 0 ? -1 : requestedPort;
            int actual = requestedPort;
            for (int i = 0; i < loops; i++) {
                HttpServer server = vertx.createHttpServer(new HttpServerOptions().setPort(listenOn).setHost(host)
                        .setCompressionSupported(false).setTcpNoDelay(true));
                server.requestHandler(rootRouter());
                server.listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
                servers.add(server);
                actual = server.actualPort();
            }
            port = actual;
            return this;
        } catch (Exception e) {
            close();
            throw new IllegalStateException("the sandbox could not listen on port " + requestedPort + ": " + e.getMessage(), e);
        }
    }

    private Router rootRouter() {
        Router root = Router.router(vertx);
        for (SandboxApp app : apps) {
            Router api = app.apiRouter(vertx);
            Router control = app.controlRouter(vertx);
            FaultInjector injector = faults(app.name());
            // every API request passes the sandbox's fault injector first; the controls never do
            root.route("/" + app.name() + "/*").handler(injector::handle);
            root.route("/" + app.name() + "/*").subRouter(api);
            FaultControl.mount(root, "/_sandbox/" + app.name() + "/faults", injector);
            root.route("/_sandbox/" + app.name() + "/*").subRouter(control);
        }
        root.route().handler(JsonReplies::notFound);
        root.errorHandler(404, JsonReplies::notFound);
        root.errorHandler(405, ctx -> JsonReplies.error(ctx, 405, "Method not allowed"));
        root.errorHandler(413, ctx -> JsonReplies.error(ctx, 413, "Request body too large"));
        root.errorHandler(500, ctx -> JsonReplies.error(ctx, 500, "Internal server error"));
        return root;
    }

    /** The fault injector of the sandbox mounted at {@code /<name>} (ghl, cliengo, ...). */
    public FaultInjector faults(String name) {
        SandboxApp app = apps.stream().filter(a -> a.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no sandbox is mounted at /" + name));
        return faults.computeIfAbsent(name, n -> new FaultInjector(n, app.faultTarget()));
    }

    /** The names of the mounted sandboxes, e.g. ghl, cliengo. */
    public List<String> names() {
        return apps.stream().map(SandboxApp::name).toList();
    }

    /** The port actually listened on (useful with port 0), or -1 before start. */
    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    /** The GHL base URL clients use, e.g. {@code http://localhost:8099/ghl}. */
    public String ghlBaseUrl() {
        return baseUrl() + "/ghl";
    }

    public GhlSandbox ghl() {
        return ghl;
    }

    /** The Cliengo base URL clients use, e.g. {@code http://localhost:8099/cliengo}. */
    public String cliengoBaseUrl() {
        return baseUrl() + "/cliengo";
    }

    public CliengoSandbox cliengo() {
        return cliengo;
    }

    /** The Clientjoy base URL clients use, e.g. {@code http://localhost:8099/clientjoy}. */
    public String clientjoyBaseUrl() {
        return baseUrl() + "/clientjoy";
    }

    public ClientjoySandbox clientjoy() {
        return clientjoy;
    }

    @Override
    public synchronized void close() {
        if (vertx == null) {
            return;
        }
        apps.forEach(SandboxApp::stop);
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            // closing is best effort: the JVM may be shutting down already
        }
        servers.clear();
        vertx = null;
        port = -1;
    }
}
