package io.ghlsync.cli;

import io.ghlsync.Settings;
import io.ghlsync.sandbox.FaultKind;
import io.ghlsync.sandbox.SandboxServer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Fault plans from the properties (sandbox.faults.<name>) and the command line (--faults name:plan, which wins). */
class SandboxFaultOptionsTest {

    @Test
    void propertiesSetEachSandboxsPlanAndTheCommandLineOverridesThem() {
        try (SandboxServer server = new SandboxServer(0).start()) {
            Settings settings = Settings.load().override("sandbox.faults.ghl", "serverError=0.2,seed=5")
                    .override("sandbox.faults.cliengo", "rateLimited=0.5");
            SandboxDefaults.applyFaults(settings, server, List.of("cliengo:malformed=0.25,latencyMillis=10"));

            assertThat(server.faults("ghl").plan().rate(FaultKind.SERVER_ERROR)).isEqualTo(0.2);
            assertThat(server.faults("ghl").plan().seed()).isEqualTo(5L);
            assertThat(server.faults("cliengo").plan().rate(FaultKind.RATE_LIMITED)).as("the command line wins").isZero();
            assertThat(server.faults("cliengo").plan().rate(FaultKind.MALFORMED)).isEqualTo(0.25);
            assertThat(server.faults("cliengo").plan().latencyMillis()).isEqualTo(10);
        }
    }

    @Test
    void badPlansAreRefusedNamingTheSandboxAndTheSetting() {
        try (SandboxServer server = new SandboxServer(0).start()) {
            Settings settings = Settings.load();
            assertThatThrownBy(() -> SandboxDefaults.applyFaults(settings, server, List.of("ghl:serverError=lots")))
                    .hasMessageContaining("ghl").hasMessageContaining("serverError");
            assertThatThrownBy(() -> SandboxDefaults.applyFaults(settings, server, List.of("nowhere:timeout=0.1")))
                    .hasMessageContaining("/nowhere");
            assertThatThrownBy(() -> SandboxDefaults.applyFaults(settings, server, List.of("serverError=0.1")))
                    .hasMessageContaining("<sandbox>:");
        }
    }

    @Test
    void theSandboxCommandExitsWithAOneLineReasonOnABadPlan() {
        CommandRun run = CommandRun.of("sandbox", "--port", "0", "--faults", "ghl:timeout=2");
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err().strip()).contains("timeout").doesNotContain("\n");
    }
}
