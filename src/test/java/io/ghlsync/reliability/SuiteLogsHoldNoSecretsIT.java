package io.ghlsync.reliability;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The security bar "no secret in logs" over the whole suite: runs in verify (failsafe, after every surefire test), and
 * reads what every test JVM wrote, the logs of all the engines the suite started (target/surefire-reports/*-output.txt).
 * <p>
 * Pass criterion: no line holds a secret the suite configures (the sandbox's private integration token, the Cliengo
 * API key and webhook secret, the Clientjoy API key, the tests' admin password and secret key), nor any token the GHL
 * sandbox issued (private, access and refresh tokens: "pit-", "at-", "rt-" and 40 random characters), nor a
 * credential after "Bearer " that the log pattern did not mask.
 */
class SuiteLogsHoldNoSecretsIT {

    private static final Path REPORTS = Path.of("target", "surefire-reports");
    /** The fixed secrets of BRIEF §6's sandbox identities and of the test harness (EngineTestSupport, SecretsInLogsTest). */
    private static final List<String> CONFIGURED = List.of("sandbox-token", "sandbox-cliengo-key", "sandbox-cliengo-secret",
            "sandbox-clientjoy-key", "correct horse battery", "a key that encrypts the stored tokens in this test",
            Base64.getEncoder().encodeToString("ops:correct horse battery".getBytes(StandardCharsets.UTF_8)));
    private static final Pattern ISSUED = Pattern.compile("\\b(pit|at|rt)-[A-Za-z0-9_-]{40}");
    private static final Pattern UNMASKED = Pattern.compile("\\b(Bearer) (?!\\*\\*\\*\\*)[A-Za-z0-9._~+/=-]{12,}");

    @Test
    void noConfiguredOrIssuedSecretIsInAnyLogOfTheSuite() throws IOException {
        List<Path> logs;
        try (Stream<Path> files = Files.isDirectory(REPORTS) ? Files.list(REPORTS) : Stream.empty()) {
            logs = files.filter(f -> f.getFileName().toString().endsWith("-output.txt")).toList();
        }
        Assumptions.assumeFalse(logs.isEmpty(), "no test output in target/surefire-reports: run by mvn verify after the unit tests");

        long engineLogs = 0;
        List<String> leaks = new ArrayList<>();
        for (Path log : logs) {
            String text = new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
            engineLogs += text.contains("Apache Camel") ? 1 : 0;
            for (String secret : CONFIGURED) {
                if (text.contains(secret)) {
                    leaks.add(log.getFileName() + ": configured secret #" + CONFIGURED.indexOf(secret));
                }
            }
            for (Pattern p : List.of(ISSUED, UNMASKED)) {
                Matcher m = p.matcher(text);
                while (m.find()) {
                    leaks.add(log.getFileName() + ": " + m.group(1) + " followed by a credential"); // never the secret itself
                }
            }
        }
        assertThat(engineLogs).as("test outputs holding an engine's log").isPositive();
        assertThat(leaks).as("secrets found in the suite's logs").isEmpty();
    }
}
