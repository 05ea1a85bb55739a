package dev.warden.cli;

import dev.warden.core.snapshot.Snapshot;
import dev.warden.core.snapshot.SnapshotCodec;
import dev.warden.core.validation.FieldError;
import dev.warden.core.validation.InvalidInputException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code warden validate FILE}: checks a snapshot document offline, listing every error. */
@Command(
        name = "validate",
        mixinStandardHelpOptions = true,
        description = {
            "Check a warden.snapshot/v1 document against the schema and for consistency.",
            "Exit code 0 when valid, 1 when invalid (every error is listed), 2 when the file cannot be read."
        })
final class ValidateCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "The snapshot document (JSON).")
    Path file = Path.of("");

    @Spec
    CommandSpec spec = CommandSpec.create();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        byte[] json;
        try {
            json = Files.readAllBytes(file);
        } catch (IOException e) {
            err.println("warden validate: cannot read " + file + ": " + e.getMessage());
            return WardenCli.USAGE;
        }
        try {
            Snapshot snapshot = SnapshotCodec.read(json);
            out.println(file + " is a valid " + Snapshot.FORMAT + " document: "
                    + snapshot.partners().size() + " partners, "
                    + snapshot.apps().size() + " apps, " + snapshot.tickets().size() + " tickets, "
                    + snapshot.incidents().size() + " incidents, "
                    + snapshot.bountyPrograms().size()
                    + " bug bounty programs, " + snapshot.verifications().size() + " verifications, "
                    + snapshot.entityChanges().size() + " entity changes, "
                    + snapshot.tokenUse().size()
                    + " token use records.");
            return 0;
        } catch (InvalidInputException e) {
            out.println(file + " is not valid (" + e.errors().size() + " error(s)):");
            for (FieldError error : e.errors()) {
                out.println("  " + error);
            }
            return 1;
        }
    }
}
