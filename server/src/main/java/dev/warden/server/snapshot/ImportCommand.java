package dev.warden.server.snapshot;

import dev.warden.core.validation.FieldError;
import dev.warden.core.validation.InvalidInputException;
import dev.warden.server.shared.Actor;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * {@code ./warden import FILE}: the server started without its web side to import one document into
 * its database, then stop. Exit code 0 when imported, 1 when the document was rejected, 2 when the
 * file cannot be read.
 */
@Component
@ConditionalOnProperty("warden.import.file")
class ImportCommand implements ApplicationRunner, ExitCodeGenerator {
    private final Snapshots snapshots;
    private final Path file;
    private final boolean dryRun;
    private final long streamAbove;
    private int exitCode;

    ImportCommand(
            Snapshots snapshots,
            @org.springframework.beans.factory.annotation.Value("${warden.import.file}") String file,
            @org.springframework.beans.factory.annotation.Value("${warden.import.dry-run:false}") boolean dryRun,
            @org.springframework.beans.factory.annotation.Value("${warden.import.stream-above:8388608}")
                    long streamAbove) {
        this.streamAbove = streamAbove;
        this.snapshots = snapshots;
        this.file = Path.of(file);
        this.dryRun = dryRun;
    }

    @Override
    public void run(ApplicationArguments args) {
        PrintStream out = System.out;
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            System.err.println("warden import: cannot read " + file + ": not a readable file");
            exitCode = 2;
            return;
        }
        try {
            out.println("Imported " + file + ". "
                    + snapshots
                            .importFile(
                                    file,
                                    streamAbove,
                                    dryRun,
                                    Actor.system("import-command"),
                                    line -> System.err.println("warden import: " + line))
                            .summary());
            if (!dryRun) {
                out.println("The partners' compliance is evaluated by the server's next full evaluation:"
                        + " within warden.jobs.compliance-evaluation-interval (default 15 minutes) of its start.");
            }
        } catch (UncheckedIOException e) {
            System.err.println("warden import: cannot read " + file + ": " + e.getMessage());
            exitCode = 2;
        } catch (InvalidInputException e) {
            System.err.println("warden import: " + file + " was rejected; nothing was written. "
                    + e.errors().size() + " error(s):");
            for (FieldError error : e.errors()) {
                System.err.println("  " + error);
            }
            exitCode = 1;
        }
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
