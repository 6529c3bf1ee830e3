package io.ghlsync.state;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a writer was told was stored is still there after {@code kill -9}: the embedded H2 file is opened with
 * {@code WRITE_DELAY=0}, without which H2 would keep the last half second of commits in memory only. The writer is a
 * real separate JVM, killed with SIGKILL while it writes.
 */
class H2CrashDurabilityTest {

    @TempDir
    Path directory;

    @Test
    void everyWriteReportedAsDoneSurvivesKillMinus9() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process writer = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                CommitLoop.class.getName(), directory.toString(), StateStoreSuite.KEY_A)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        long lastReported = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while (lastReported < 200 && (line = out.readLine()) != null) {
                lastReported = Long.parseLong(line.strip());
            }
            writer.destroyForcibly(); // SIGKILL: no shutdown hooks, no H2 close
            assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            writer.destroyForcibly();
        }
        assertThat(lastReported).as("the writer got going").isEqualTo(200);

        try (StateDatabase db = StateDatabase.embedded(directory)) {
            long cursor = Long.parseLong(db.pollCursors().get("cliengo", "leads").orElseThrow());
            assertThat(cursor).isGreaterThanOrEqualTo(lastReported);
            assertThat(db.processedEvents().isProcessed("crash", "event-" + lastReported)).isTrue();
            String refresh = db.tokenStore(TokenCipher.fromSecret(StateStoreSuite.KEY_A)).load("loc-1").orElseThrow().refreshToken();
            assertThat(Long.parseLong(refresh.substring("refresh-".length()))).isGreaterThanOrEqualTo(lastReported);
        }
    }
}
