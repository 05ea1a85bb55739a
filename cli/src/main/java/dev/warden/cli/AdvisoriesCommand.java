package dev.warden.cli;

import dev.warden.scanner.sca.AdvisoryIndex;
import dev.warden.scanner.sca.LocalAdvisories;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code warden advisories}: the local advisory database that {@code warden scan} matches libraries against. */
@Command(
        name = "advisories",
        mixinStandardHelpOptions = true,
        description = {
            "Keep the local database of security advisories (OSV format) that warden scan matches bundled",
            "libraries against, offline. Default folder: $WARDEN_ADVISORIES, else ~/.warden/advisories."
        },
        subcommands = {AdvisoriesCommand.Import.class, AdvisoriesCommand.Status.class})
final class AdvisoriesCommand {
    /** The folder used when none is given: {@code $WARDEN_ADVISORIES}, else {@code ~/.warden/advisories}. */
    static Path defaultFolder() {
        String env = System.getenv("WARDEN_ADVISORIES");
        return env != null && !env.isBlank()
                ? Path.of(env)
                : Path.of(System.getProperty("user.home"), ".warden", "advisories");
    }

    @Command(
            name = "import",
            mixinStandardHelpOptions = true,
            description = {
                "Import OSV advisories: a .json record, a folder of them at any depth (an unpacked OSV export, or a",
                "clone of github/advisory-database), or a .zip as OSV publishes per ecosystem (Maven/all.zip,",
                "npm/all.zip). Maven and npm advisories are kept. Incremental: a record replaces the one held only",
                "when its modified date is later. Exit 0 when done (records that cannot be read are listed), 2 when",
                "PATH cannot be read."
            })
    static final class Import implements Callable<Integer> {
        @Parameters(paramLabel = "PATH", description = "The advisories to import.")
        Path source = Path.of("");

        @Option(
                names = "--into",
                paramLabel = "DIR",
                description = "The database folder. Default: see warden advisories.")
        @Nullable
        Path into;

        @Spec
        CommandSpec spec = CommandSpec.create();

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            if (!Files.isReadable(source)) {
                err.println("warden advisories import: cannot read " + source);
                return WardenCli.USAGE;
            }
            Path folder = into != null ? into : defaultFolder();
            LocalAdvisories.Imported imported;
            try {
                imported = LocalAdvisories.importInto(folder, source, Instant.now());
            } catch (IOException | RuntimeException e) {
                err.println("warden advisories import: " + e.getMessage());
                return WardenCli.USAGE;
            }
            var read = imported.read();
            read.errors().stream().limit(20).forEach(e -> err.println("  not imported: " + e));
            if (read.errors().size() > 20) {
                err.println("  ... and " + (read.errors().size() - 20) + " more records not imported");
            }
            out.println(read.records() + " record(s) read: " + imported.added() + " added, " + imported.updated()
                    + " updated, " + imported.unchanged() + " unchanged (" + imported.withdrawn()
                    + " of those withdrawn), " + read.otherEcosystems() + " for other ecosystems skipped, "
                    + read.errors().size() + " unreadable; " + imported.total() + " advisories in " + folder);
            out.flush();
            return 0;
        }
    }

    @Command(
            name = "status",
            mixinStandardHelpOptions = true,
            description = "How many advisories the database holds and when it was last updated.")
    static final class Status implements Callable<Integer> {
        @Option(
                names = "--into",
                paramLabel = "DIR",
                description = "The database folder. Default: see warden advisories.")
        @Nullable
        Path into;

        @Spec
        CommandSpec spec = CommandSpec.create();

        @Override
        public Integer call() {
            Path folder = into != null ? into : defaultFolder();
            try {
                AdvisoryIndex index = AdvisoryIndex.of(LocalAdvisories.load(folder));
                Instant updated = LocalAdvisories.updated(folder);
                spec.commandLine()
                        .getOut()
                        .println(index.size() + " advisories in " + folder + " (withdrawn ones not"
                                + " counted), last updated " + (updated == null ? "at an unknown time" : updated));
                spec.commandLine().getOut().flush();
                return 0;
            } catch (LocalAdvisories.MissingException e) {
                spec.commandLine().getErr().println("warden advisories: " + e.getMessage());
                return 1;
            } catch (IOException e) {
                spec.commandLine().getErr().println("warden advisories: " + e.getMessage());
                return WardenCli.USAGE;
            }
        }
    }
}
