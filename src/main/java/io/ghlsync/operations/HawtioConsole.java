package io.ghlsync.operations;

import org.apache.camel.support.service.ServiceSupport;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Hawtio, the released {@code hawtio-default} war, served by an embedded Jetty in the engine's JVM (a Camel service, so
 * it starts and stops with the engine). It reads Camel's JMX through the war's own Jolokia, restricted by
 * {@code jolokia-access.xml}; outside sandbox mode it asks for the admin credentials ({@link HawtioLogin}).
 */
public final class HawtioConsole extends ServiceSupport {

    /** Where the build puts the war (maven-dependency-plugin), inside the jar. */
    static final String WAR_RESOURCE = "/hawtio/hawtio-default.war";
    static final String POLICY = "classpath:/jolokia-access.xml";
    private static final Logger LOG = LoggerFactory.getLogger(HawtioConsole.class);

    private final String host;
    private final int requestedPort;
    private final AdminAuth auth;
    private Server server;
    private Path workDir;
    private volatile int port = -1;

    HawtioConsole(String host, int port, AdminAuth auth) {
        this.host = host;
        this.requestedPort = port;
        this.auth = auth;
    }

    /** From {@code ghlsync.hawtio.host} and {@code ghlsync.hawtio.port} (0: a free port). */
    public static HawtioConsole from(Function<String, String> settings, AdminAuth auth) {
        String host = settings.apply("ghlsync.hawtio.host");
        String port = settings.apply("ghlsync.hawtio.port");
        try {
            return new HawtioConsole(host == null ? "0.0.0.0" : host, port == null ? 8081 : Integer.parseInt(port.strip()), auth);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("ghlsync.hawtio.port must be a port number, not '" + port + "'");
        }
    }

    @Override
    protected void doStart() throws Exception {
        workDir = Files.createTempDirectory("ghl-sync-hawtio");
        Path war = workDir.resolve("hawtio-default.war");
        try (InputStream in = HawtioConsole.class.getResourceAsStream(WAR_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Hawtio's war is missing from the class path (" + WAR_RESOURCE
                        + "); build with mvn package, or set ghlsync.hawtio.enabled=false");
            }
            Files.copy(in, war);
        }
        boolean login = auth.requiresCredentials();
        HawtioLogin.install(auth);
        // Hawtio and its Jolokia read their settings from system properties; one engine per JVM sets them at start
        System.setProperty("hawtio.authenticationEnabled", String.valueOf(login));
        System.setProperty("hawtio.realm", HawtioLogin.REALM);
        System.setProperty("hawtio.roles", HawtioLogin.ROLE);
        System.setProperty("hawtio.rolePrincipalClasses", HawtioLogin.AdminRole.class.getName());
        System.setProperty("hawtio.noCredentials401", "true");
        // the proxy would let the console reach other JVMs' agents: not needed here, so not offered
        System.setProperty("hawtio.disableProxy", "true");
        // named, not left to Jolokia's default look-up, so a missing policy fails the start instead of allowing all
        System.setProperty("jolokia.policyLocation", POLICY);

        WebAppContext webapp = new WebAppContext();
        webapp.setContextPath("/hawtio");
        webapp.setWar(war.toString());
        webapp.setTempDirectory(workDir.resolve("jetty").toFile());
        webapp.setThrowUnavailableOnStartupException(true);
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(host);
        connector.setPort(requestedPort);
        server.addConnector(connector);
        server.setHandler(webapp);
        server.setStopTimeout(5_000);
        try {
            server.start();
        } catch (Exception e) {
            doStop();
            throw new IllegalStateException("Hawtio could not start on port " + requestedPort + ": " + e.getMessage(), e);
        }
        port = connector.getLocalPort();
        LOG.info("Hawtio at http://localhost:{}/hawtio/ ({})", port, login ? "login: GHLSYNC_ADMIN_USER" : "open: sandbox");
    }

    @Override
    protected void doStop() throws Exception {
        if (server != null) {
            server.stop();
            server = null;
        }
        port = -1;
        if (workDir != null) {
            try (Stream<Path> files = Files.walk(workDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(HawtioConsole::delete);
            }
            workDir = null;
        }
    }

    /** The port listened on (useful with port 0), or -1 when stopped. */
    public int port() {
        return port;
    }

    private static void delete(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
