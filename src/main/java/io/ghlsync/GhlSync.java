package io.ghlsync;

import io.ghlsync.cli.BackfillCommand;
import io.ghlsync.cli.BenchCommand;
import io.ghlsync.cli.CallCommand;
import io.ghlsync.cli.DlqCommand;
import io.ghlsync.cli.MappingTestCommand;
import io.ghlsync.cli.OpsCommand;
import io.ghlsync.cli.RunCommand;
import io.ghlsync.cli.SandboxCommand;
import io.ghlsync.cli.SyncContactCommand;


import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** ghl-sync's entry point: {@code java -jar ghl-sync.jar [command]}; without a command it runs the engine. */
@Command(name = "ghl-sync", mixinStandardHelpOptions = true, version = "ghl-sync 0.1.0",
         description = "Keeps GoHighLevel in sync with Cliengo and Clientjoy.",
         subcommands = { RunCommand.class, OpsCommand.class, CallCommand.class, MappingTestCommand.class, BenchCommand.class, SandboxCommand.class,
                         DlqCommand.class, BackfillCommand.class, SyncContactCommand.class })
public final class GhlSync implements Callable<Integer> {

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs a command and returns its exit code: 0 on success, non-zero with a one-line reason on stderr otherwise. */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new GhlSync());
        cli.setParameterExceptionHandler((e, a) -> {
            cli.getErr().println("ghl-sync: " + e.getMessage());
            return 2;
        });
        cli.setExecutionExceptionHandler((e, command, parsed) -> {
            command.getErr().println("ghl-sync: " + oneLine(e));
            return 1;
        });
        return cli.execute(args);
    }

    private static String oneLine(Throwable e) {
        String message = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        return message.replace('\n', ' ');
    }

    @Override
    public Integer call() throws Exception {
        return new RunCommand().call();
    }
}
