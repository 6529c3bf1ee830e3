package io.ghlsync.operations;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import io.ghlsync.Settings;
import io.ghlsync.ghl.GhlComponent;
import io.ghlsync.sandbox.ghl.GhlSandbox;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine with an OAuth location (client id and secret, a refresh token that rotates): an exchange that carries the
 * access token is logged on purpose, headers and body shown, through the product's log pattern into a file; no token
 * or secret text reaches the file.
 */
class SecretsInLogsTest extends EngineTestSupport {

    private FileAppender<ILoggingEvent> file;

    @Override
    protected Settings settings() {
        return super.settings().override("ghl.token", "")
                .override("ghl.client-id", app().client().clientId())
                .override("ghl.client-secret", app().client().clientSecret())
                .override("ghl.refresh-token", app().refreshToken())
                .override("ghlsync.secret-key", "a key that encrypts the stored tokens in this test");
    }

    @Override
    protected RoutesBuilder testRoutes() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:leak").routeId("leak")
                        .log("calling GHL with ${header.Authorization} and ${body}")
                        .to("log:leak?showHeaders=true&showBody=true&showProperties=true");
            }
        };
    }

    @AfterEach
    void detachFile() {
        if (file != null) {
            ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(file);
            file.stop();
        }
    }

    @Test
    void aLoggedExchangeWithTheAccessTokenLeavesNoTokenInTheLogFile() throws Exception {
        Path logFile = work.resolve("ghl-sync.log");
        attachFileWithTheProductsPattern(logFile);
        ((Logger) LoggerFactory.getLogger("leak")).setLevel(ch.qos.logback.classic.Level.INFO);

        // a real call: the engine refreshes the OAuth token at the sandbox, and the sandbox rotates the refresh token
        Exchange call = template.send("ghl:get-contacts", e -> e.getMessage().setHeader("limit", 1));
        assertThat(call.getException()).isNull();
        String accessToken = context.getComponent("ghl", GhlComponent.class).getLocations().get("sandbox-location")
                .credentials().accessToken();
        assertThat(accessToken).isNotBlank();

        template.send("direct:leak", e -> {
            e.getMessage().setHeader("Authorization", "Bearer " + accessToken);
            e.getMessage().setHeader("refreshToken", app().refreshToken());
            e.setProperty("clientSecret", app().client().clientSecret());
            e.getMessage().setBody("{\"access_token\":\"" + accessToken + "\",\"refresh_token\":\"" + app().refreshToken()
                    + "\",\"client_secret\":\"" + app().client().clientSecret() + "\"}");
        });
        LoggerFactory.getLogger("leak").warn("GHL said 401 to Authorization=Bearer {} (token={}, client_secret: {})",
                accessToken, accessToken, app().client().clientSecret());

        String logged = Files.readString(logFile, StandardCharsets.UTF_8);
        assertThat(logged).as("the exchange was logged").contains("calling GHL with").contains("Exchange[");
        assertThat(logged).doesNotContain(accessToken).doesNotContain(app().refreshToken()).doesNotContain(app().client().clientSecret());
        assertThat(logged).contains("****");
    }

    private GhlSandbox.OAuthInstallation app() {
        return OAuthApp.on(sandbox);
    }

    /** The product's CONSOLE pattern, written to a file as an operator would redirect it. */
    private void attachFileWithTheProductsPattern(Path logFile) {
        LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = logback.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ConsoleAppender<ILoggingEvent> console = (ConsoleAppender<ILoggingEvent>) root.getAppender("CONSOLE");
        String pattern = ((PatternLayoutEncoder) console.getEncoder()).getPattern();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(logback);
        encoder.setPattern(pattern);
        encoder.start();
        file = new FileAppender<>();
        file.setContext(logback);
        file.setFile(logFile.toString());
        file.setEncoder(encoder);
        file.start();
        root.addAppender(file);
    }

    /** One OAuth app per sandbox: installed the first time the engine's settings ask for it. */
    private static final class OAuthApp {
        private static GhlSandbox.OAuthInstallation installed;
        private static Object installedOn;

        static synchronized GhlSandbox.OAuthInstallation on(io.ghlsync.sandbox.SandboxServer sandbox) {
            if (installed == null || installedOn != sandbox) {
                installed = sandbox.ghl().installLocationApp("sandbox-location", GhlSandbox.CONTACT_SCOPES, null);
                installedOn = sandbox;
            }
            return installed;
        }
    }
}
