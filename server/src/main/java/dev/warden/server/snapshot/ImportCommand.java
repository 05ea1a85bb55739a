package dev.warden.server.snapshot;

import dev.warden.core.validation.FieldError;
import dev.warden.core.validation.InvalidInputException;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.AfterClose;
import dev.warden.server.shared.EmbeddedFile;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * {@code ./warden import FILE}: the server started without its web side to import one document into
 * its database, then stop. Exit code 0 when imported, 1 when the document was rejected, 2 when the
 * file cannot be read. After an import into the embedded database, its file is compacted (see {@link
 * EmbeddedFile}).
 */
@Component
@ConditionalOnProperty("warden.import.file")
class ImportCommand implements ApplicationRunner, ExitCodeGenerator, AfterClose {
    private final Snapshots snapshots;
    private final DataSource dataSource;
    private final String url;
    private final String user;
    private final String password;
    private @Nullable EmbeddedFile toCompact;
    private final Path file;
    private final boolean dryRun;
    private final long streamAbove;
    private int exitCode;

    ImportCommand(
            Snapshots snapshots,
            DataSource dataSource,
            @org.springframework.beans.factory.annotation.Value("${spring.datasource.url}") String url,
            @org.springframework.beans.factory.annotation.Value("${spring.datasource.username:}") String user,
            @org.springframework.beans.factory.annotation.Value("${spring.datasource.password:}") String password,
            @org.springframework.beans.factory.annotation.Value("${warden.import.file}") String file,
            @org.springframework.beans.factory.annotation.Value("${warden.import.dry-run:false}") boolean dryRun,
            @org.springframework.beans.factory.annotation.Value("${warden.import.stream-above:8388608}")
                    long streamAbove) {
        this.streamAbove = streamAbove;
        this.snapshots = snapshots;
        this.dataSource = dataSource;
        this.url = url;
        this.user = user;
        this.password = password;
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
        EmbeddedFile held = embeddedFile();
        try {
            out.println("Imported " + file + ". "
                    + snapshots
                            .importFile(
                                    file,
                                    streamAbove,
                                    dryRun,
                                    Actor.system("import-command"),
                                    held != null,
                                    line -> System.err.println("warden import: " + line))
                            .summary());
            if (!dryRun) {
                toCompact = held;
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

    /** The embedded database's file, when this process holds it: an import leaves it mostly unused. */
    private @Nullable EmbeddedFile embeddedFile() {
        try {
            return EmbeddedFile.of(dataSource, url, user, password).orElse(null);
        } catch (SQLException e) {
            return null;
        }
    }

    /**
     * Compacts the embedded database's file once the application has closed it. What was imported stays
     * whatever happens here.
     */
    @Override
    public int afterClose() {
        if (toCompact != null) {
            toCompact.compactClosedAndSay(
                    "warden import",
                    "the import is complete, but compacting the database file failed; H2 reuses the unused"
                            + " space as it goes");
        }
        return 0;
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
