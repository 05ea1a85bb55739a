package dev.warden.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code warden} command and its subcommands. */
@Command(
        name = "warden",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Warden: security compliance for app marketplaces, on the command line.",
        subcommands = {
            EvaluateCommand.class,
            ScanCommand.class,
            AdvisoriesCommand.class,
            ValidateCommand.class,
            CommandLine.HelpCommand.class
        })
public final class WardenCli {
    /** Exit code for an input that cannot be read or a command used wrongly. */
    public static final int USAGE = 2;

    /** Exit code of {@code warden scan --fail-on-incomplete} when part of the input went unread. */
    public static final int INCOMPLETE = 3;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code; usage errors exit with 2. */
    public static int run(String... args) {
        return new CommandLine(new WardenCli())
                .setExitCodeExceptionMapper(e -> USAGE)
                .setParameterExceptionHandler((e, a) -> {
                    CommandLine cmd = e.getCommandLine();
                    cmd.getErr().println("warden: " + e.getMessage());
                    cmd.getErr().println("Try 'warden " + cmd.getCommandName() + " --help'.");
                    return USAGE;
                })
                .execute(args);
    }
}
