package dev.warden.cli;

import dev.warden.core.evaluation.EvaluationReport;
import dev.warden.core.policy.PolicyReader;
import dev.warden.core.policy.PolicyVersion;
import dev.warden.core.policy.PolicyVersions;
import dev.warden.core.validation.FieldError;
import dev.warden.core.validation.InvalidInputException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code warden evaluate SNAPSHOT}: every ticket's SLA state at an instant, under the built-in policy
 * versions plus an optional draft, as a {@code warden.evaluation/v1} JSON report.
 */
@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        description = {
            "Evaluate a warden.snapshot/v1 document: each ticket's severity, policy version, clock start, due date,",
            "status and whether it is overdue, at an instant, in the snapshot's order; then the violations of the",
            "compliance rules, the enforcement steps the ladder proposes for them, and a summary. The report is",
            "written as the snapshot is read, to a file beside the target (or a temporary file for standard output)",
            "and moved or copied into place only once complete: on an invalid snapshot nothing is written but the",
            "errors, on standard error.",
            "Exit code 0 when evaluated; 2 when the snapshot or policy is invalid or cannot be read, or for usage",
            "errors."
        })
final class EvaluateCommand implements Callable<Integer> {
    @Parameters(paramLabel = "SNAPSHOT", description = "The snapshot document, or - for standard input.")
    String snapshot = "";

    @Option(
            names = "--as-of",
            paramLabel = "INSTANT",
            description = "Evaluate at this instant (2026-03-01T00:00:00Z) or the start of this date (2026-03-01), UTC."
                    + " Default: now.")
    @Nullable
    String asOf;

    @Option(
            names = "--policy",
            paramLabel = "VERSION|FILE",
            description = "A policy YAML file to add (a draft: it applies from its effectiveFrom), or a version id:"
                    + " consider only versions up to and including it (\"what if the later ones did not exist\").")
    @Nullable
    String policy;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE",
            description = "Write the report here instead of standard output.")
    @Nullable
    Path output;

    @Option(names = "--pretty", description = "Indent the report for reading.")
    boolean pretty;

    @Spec
    CommandSpec spec = CommandSpec.create();

    private final Clock clock;

    EvaluateCommand() {
        this(Clock.systemUTC());
    }

    EvaluateCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        Instant instant;
        try {
            instant = asOf == null ? clock.instant() : parseInstant(asOf);
        } catch (DateTimeParseException e) {
            err.println(
                    "warden evaluate: --as-of must be an instant like 2026-03-01T00:00:00Z or a date like 2026-03-01");
            return WardenCli.USAGE;
        }
        PolicyVersions versions = PolicyVersions.builtIn();
        String draft = null;
        if (policy != null) {
            Path file = Path.of(policy);
            if (Files.isRegularFile(file)) {
                PolicyVersion version;
                try {
                    version = PolicyReader.read(Files.readString(file, StandardCharsets.UTF_8), file.toString());
                } catch (InvalidInputException e) {
                    return invalid(err, "the policy " + file, e);
                }
                versions = versions.with(version);
                draft = version.id();
            } else if (versions.byId(policy).isPresent()) {
                String last = policy;
                PolicyVersion cutoff = versions.byId(last).orElseThrow();
                versions = PolicyVersions.of(versions.all().stream()
                        .filter(v -> !v.effectiveFrom().isAfter(cutoff.effectiveFrom()))
                        .toList());
            } else {
                err.println("warden evaluate: --policy " + policy + " is neither a file nor a version ("
                        + String.join(", ", PolicyVersions.BUILT_IN) + ")");
                return WardenCli.USAGE;
            }
        }
        // Written beside the target and moved into place (or, for standard output, to a temporary file that is
        // copied out once complete), so a reader never sees half a report or one of an invalid snapshot.
        Path target = output == null ? null : output.toAbsolutePath();
        Path partial = target == null
                ? Files.createTempFile("warden-evaluation-", ".json")
                : target.resolveSibling(target.getFileName() + ".partial");
        try {
            int code = evaluate(err, versions, instant, draft, partial);
            if (code != 0) {
                return code;
            }
            if (target != null) {
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } else {
                Files.copy(partial, System.out);
                System.out.flush();
            }
            return 0;
        } finally {
            deleteQuietly(partial);
        }
    }

    private int evaluate(
            PrintWriter err, PolicyVersions versions, Instant instant, @Nullable String draft, Path partial)
            throws IOException {
        Progress progress = new Progress(err);
        try (InputStream in = open();
                OutputStream out = new BufferedOutputStream(Files.newOutputStream(partial), 1 << 16);
                OutputStream buffered = new BufferedOutputStream(out, 1 << 16);
                EvaluationReport report = new EvaluationReport(buffered, versions, instant, draft, pretty)) {
            TicketPipeline.Catalog catalog = TicketPipeline.run(in, ticket -> {
                report.add(ticket);
                progress.tick();
            });
            report.finish(catalog.partners(), catalog.apps(), catalog.obligations(), catalog.cases());
            buffered.write('\n');
        } catch (InvalidInputException e) {
            return invalid(err, snapshot, e);
        } catch (java.nio.file.NoSuchFileException e) {
            err.println("warden evaluate: no such file: " + snapshot);
            return WardenCli.USAGE;
        } catch (IllegalArgumentException e) {
            // For example a ticket reported before the first policy version took effect.
            err.println("warden evaluate: " + snapshot + " cannot be evaluated: " + e.getMessage());
            return WardenCli.USAGE;
        }
        progress.done();
        return 0;
    }

    private static void deleteQuietly(@Nullable Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // Nothing more to do: the report was never moved into place.
            }
        }
    }

    private InputStream open() throws IOException {
        InputStream raw = "-".equals(snapshot) ? System.in : Files.newInputStream(Path.of(snapshot));
        return new BufferedInputStream(raw, 1 << 20);
    }

    private static int invalid(PrintWriter err, String what, InvalidInputException e) {
        err.println("warden evaluate: " + what + " is not valid (" + e.errors().size() + " error(s)):");
        for (FieldError error : e.errors()) {
            err.println("  " + error);
        }
        List<String> hint = List.of("  Run 'warden validate FILE' for a full report of a snapshot.");
        hint.forEach(err::println);
        return WardenCli.USAGE;
    }

    static Instant parseInstant(String text) {
        if (text.length() == 10) {
            return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        return Instant.parse(text);
    }

    /** Counts tickets on standard error when it is a terminal; silent otherwise. */
    private static final class Progress {
        private final @Nullable PrintWriter err;
        private long count;

        Progress(PrintWriter err) {
            this.err = System.console() != null ? err : null;
        }

        void tick() {
            count++;
            if (err != null && count % 100_000 == 0) {
                err.print("\rwarden evaluate: " + String.format("%,d", count) + " tickets read");
                err.flush();
            }
        }

        void done() {
            if (err != null && count >= 100_000) {
                err.println("\rwarden evaluate: " + String.format("%,d", count) + " tickets read");
            }
        }
    }
}
