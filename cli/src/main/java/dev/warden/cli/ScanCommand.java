package dev.warden.cli;

import dev.warden.scanner.Reports;
import dev.warden.scanner.Rule;
import dev.warden.scanner.ScanLimits;
import dev.warden.scanner.ScanReport;
import dev.warden.scanner.Scanner;
import dev.warden.scanner.Severity;
import dev.warden.scanner.rules.BuiltInRules;
import dev.warden.scanner.rules.GitleaksRules;
import dev.warden.scanner.sca.Sbom;
import dev.warden.scanner.sca.VulnerableDependencies;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code warden scan PATH}: the artifact scanner, without a server, for a partner's own CI. */
@Command(
        name = "scan",
        mixinStandardHelpOptions = true,
        description = {
            "Scan a file or a folder, opening archives inside archives (JAR, WAR, OBR, ZIP, tar, tgz, npm packages),",
            "for user API tokens, admin keys, Data Center personal access tokens, OAuth client secrets, private keys",
            "and code that collects API tokens; and describe the app descriptors found. Found secrets are shown",
            "masked, never in full. Suppress a line with a comment containing warden:ignore.",
            "",
            "Bundled libraries (Maven and npm) are listed and matched against the local advisory database",
            "(warden advisories import); High and Critical advisories are findings (--dependency-severity).",
            "--sbom FILE writes them as a CycloneDX 1.6 bill of materials.",
            "Exit code 0 when nothing is found, 1 when something is, 2 for usage errors or an unreadable input,",
            "3 (with --fail-on-incomplete) when nothing is found but part of the input could not be read.",
            "",
            "With --upload APP VERSION, the file is sent to a Warden server as a new version of the app instead, and",
            "the server's scan is reported (exit codes as above; 4 when the server cannot be reached, refuses the",
            "upload or its scan fails). The API client's credentials come from WARDEN_CLIENT_ID and",
            "WARDEN_CLIENT_SECRET (a client with the artifacts:upload, catalog:read and tickets:read scopes)."
        })
final class ScanCommand implements Callable<Integer> {
    enum Format {
        text,
        json,
        sarif
    }

    @Parameters(paramLabel = "PATH", description = "The file or folder to scan.")
    Path path = Path.of("");

    @Option(names = "--format", paramLabel = "FORMAT", description = "text (default), json or sarif.")
    Format format = Format.text;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE",
            description = "Write the report here instead of standard output.")
    @Nullable
    Path output;

    @Option(
            names = "--baseline",
            paramLabel = "FILE",
            description = "An earlier json or sarif report: its findings are accepted and not reported again.")
    @Nullable
    Path baseline;

    @Option(
            names = "--rules",
            paramLabel = "FILE",
            description = "A gitleaks rules file (TOML) to add its [[rules]] to the built-in ones; may be repeated.")
    List<Path> ruleFiles = new ArrayList<>();

    @Option(
            names = {"-q", "--quiet"},
            description = "No progress display.")
    boolean quiet;

    @Option(
            names = "--fail-on-incomplete",
            description = "Exit 3 when part of the input could not be read (a corrupt archive, a limit reached),"
                    + " even if nothing was found. Recommended for CI gates.")
    boolean failOnIncomplete;

    @Option(names = "--threads", paramLabel = "N", description = "Threads to scan with. Default: every core.")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(
            names = "--max-depth",
            paramLabel = "N",
            description = "Archives opened inside archives, at most. Default: 6.")
    int maxDepth = ScanLimits.DEFAULTS.maxDepth();

    @Option(
            names = "--max-ratio",
            paramLabel = "N",
            description = "How many times its compressed size an entry may expand. Default: 200.")
    int maxRatio = ScanLimits.DEFAULTS.maxRatio();

    @Option(
            names = "--max-entries",
            paramLabel = "N",
            description =
                    "Archive entries in each file given to the scan (with everything inside it). Default: 500000.")
    int maxEntries = ScanLimits.DEFAULTS.maxEntries();

    @Option(names = "--max-file-mb", paramLabel = "MB", description = "Largest file read, in MiB. Default: 256.")
    long maxFileMb = ScanLimits.DEFAULTS.maxEntryBytes() >> 20;

    @Option(
            names = "--max-total-mb",
            paramLabel = "MB",
            description = "Bytes expanded from the archives of each file given to the scan, in MiB. Default: 4096.")
    long maxTotalMb = ScanLimits.DEFAULTS.maxTotalBytes() >> 20;

    @Option(
            names = "--memory-mb",
            paramLabel = "MB",
            description = "What all threads together may hold of large entries (over 8 MiB) at once, in MiB;"
                    + " a thread waits for room. Default: half the maximum heap.")
    long memoryMb = ScanLimits.defaultMemory() >> 20;

    @Option(
            names = "--advisories",
            paramLabel = "DIR",
            description = "The advisory database to match bundled libraries against. Default: $WARDEN_ADVISORIES,"
                    + " else ~/.warden/advisories when it exists.")
    @Nullable
    Path advisories;

    @Option(
            names = "--dependency-severity",
            paramLabel = "LEVEL",
            description = "The least severity of a vulnerable library reported: critical, high (default), medium, low.")
    String dependencySeverity = "high";

    @Option(
            names = "--sbom",
            paramLabel = "FILE",
            description = "Also write the bundled libraries (and their vulnerabilities) as CycloneDX 1.6 JSON.")
    @Nullable
    Path sbom;

    @Option(names = "--no-sca", description = "Do not list or match bundled libraries.")
    boolean noSca;

    @Option(
            names = "--upload",
            arity = "2",
            paramLabel = "APP VERSION",
            description = "Send the file to the Warden server as this version of this app and report its scan.")
    List<String> upload = new ArrayList<>();

    @Option(
            names = "--server",
            paramLabel = "URL",
            description = "The Warden server for --upload. Default: the WARDEN_SERVER environment variable.")
    @Nullable
    String server;

    @Option(
            names = "--hosting",
            paramLabel = "HOSTING",
            description = "CLOUD or DATA_CENTER, for --upload to an app with both listings.")
    @Nullable
    String hosting;

    @Option(
            names = "--wait-minutes",
            paramLabel = "N",
            description = "How long --upload waits for the server's scan. Default: 30.")
    long waitMinutes = 30;

    @Spec
    CommandSpec spec = CommandSpec.create();

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.exists(path)) {
            err.println("warden scan: " + path + " does not exist");
            return WardenCli.USAGE;
        }
        if (!Files.isReadable(path)) {
            err.println("warden scan: " + path + " cannot be read");
            return WardenCli.USAGE;
        }
        if (!upload.isEmpty()) {
            return upload(err);
        }
        ScanLimits limits;
        try {
            limits = new ScanLimits(maxTotalMb << 20, maxFileMb << 20, maxRatio, maxEntries, maxDepth, memoryMb << 20);
            if (threads < 1) {
                throw new IllegalArgumentException("--threads must be at least 1");
            }
        } catch (IllegalArgumentException e) {
            err.println("warden scan: " + e.getMessage());
            return WardenCli.USAGE;
        }
        List<Rule> rules = new ArrayList<>(BuiltInRules.all());
        for (Path file : ruleFiles) {
            try {
                rules.addAll(GitleaksRules.read(Files.readString(file, StandardCharsets.UTF_8)));
            } catch (IOException e) {
                err.println("warden scan: cannot read the rules file " + file + ": " + e.getMessage());
                return WardenCli.USAGE;
            } catch (IllegalArgumentException e) {
                err.println("warden scan: " + file + ": " + e.getMessage());
                return WardenCli.USAGE;
            }
        }
        Set<String> accepted = Set.of();
        if (baseline != null) {
            try {
                accepted = Reports.baseline(Files.readString(baseline, StandardCharsets.UTF_8));
            } catch (IOException e) {
                err.println("warden scan: cannot read the baseline " + baseline + ": " + e.getMessage());
                return WardenCli.USAGE;
            } catch (RuntimeException e) {
                err.println("warden scan: the baseline " + baseline + " is not a json or sarif report of warden scan");
                return WardenCli.USAGE;
            }
        }

        Severity threshold;
        DependencyCheck dependencies = null;
        try {
            threshold = Severity.valueOf(dependencySeverity.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            err.println("warden scan: --dependency-severity must be critical, high, medium or low");
            return WardenCli.USAGE;
        }
        if (noSca && sbom != null) {
            err.println("warden scan: --sbom needs the inventory that --no-sca turns off");
            return WardenCli.USAGE;
        }
        if (!noSca) {
            try {
                dependencies = DependencyCheck.load(advisories, err, quiet);
            } catch (DependencyCheck.Unusable e) {
                err.println("warden scan: " + e.getMessage());
                return WardenCli.USAGE;
            }
        }

        ProgressLine progress = new ProgressLine(err, !quiet && System.console() != null);
        ScanReport report;
        try {
            report = new Scanner(rules, limits, threads, !noSca).scan(path, progress);
        } catch (UncheckedIOException e) {
            progress.done();
            err.println("warden scan: cannot read " + path + ": " + e.getMessage());
            return WardenCli.USAGE;
        }
        progress.done();
        if (dependencies != null) {
            try {
                report = dependencies.apply(report, threshold, err, quiet);
            } catch (DependencyCheck.Unusable e) {
                err.println("warden scan: " + e.getMessage());
                return WardenCli.USAGE;
            }
        }
        report = Reports.apply(report, accepted);
        String version = new Version().getVersion()[0].replace("warden ", "");
        List<Rule> listed = new ArrayList<>(rules);
        listed.add(VulnerableDependencies.RULE);
        String text = switch (format) {
            case text -> Reports.text(report);
            case json -> Reports.json(report);
            case sarif -> Reports.sarif(report, listed, version);
        };
        try {
            write(text, output);
            if (sbom != null) {
                write(
                        Sbom.json(
                                report,
                                path.getFileName() == null
                                        ? path.toString()
                                        : path.getFileName().toString(),
                                version,
                                java.time.Instant.now()),
                        sbom);
            }
        } catch (IOException e) {
            err.println("warden scan: cannot write " + e.getMessage());
            return WardenCli.USAGE;
        }
        if (output != null && format != Format.text && !quiet) {
            err.println(report.findings().size() + " finding(s), "
                    + report.problems().size() + " problem(s); report in " + output);
        }
        if (!report.findings().isEmpty()) {
            return 1;
        }
        return failOnIncomplete && report.incomplete() ? WardenCli.INCOMPLETE : 0;
    }

    /** --upload: the server scans; its report is written as a local scan's would be. */
    private int upload(PrintWriter err) {
        String url = server != null ? server : System.getenv("WARDEN_SERVER");
        String id = System.getenv("WARDEN_CLIENT_ID");
        String secret = System.getenv("WARDEN_CLIENT_SECRET");
        if (url == null || url.isBlank()) {
            err.println("warden scan: --upload needs --server URL (or WARDEN_SERVER)");
            return WardenCli.USAGE;
        }
        if (id == null || secret == null || id.isBlank() || secret.isBlank()) {
            err.println("warden scan: --upload needs an API client's WARDEN_CLIENT_ID and WARDEN_CLIENT_SECRET");
            return WardenCli.USAGE;
        }
        if (!Files.isRegularFile(path)) {
            err.println("warden scan: --upload sends one file, and " + path + " is not one");
            return WardenCli.USAGE;
        }
        ServerUpload to = new ServerUpload(java.net.URI.create(url.strip()), err, quiet);
        ServerUpload.Outcome outcome;
        try {
            String token = to.token(id, secret);
            String version = to.upload(token, upload.get(0), upload.get(1), hosting, path);
            outcome = to.await(token, version, format, java.time.Duration.ofMinutes(waitMinutes));
        } catch (ServerUpload.Failed e) {
            err.println("warden scan: " + e.getMessage());
            return ServerUpload.SERVER;
        } catch (IllegalArgumentException e) {
            err.println("warden scan: not a server address: " + url);
            return WardenCli.USAGE;
        }
        try {
            write(outcome.report(), output);
        } catch (IOException e) {
            err.println("warden scan: cannot write " + e.getMessage());
            return WardenCli.USAGE;
        }
        if (!quiet) {
            err.println("the server found " + outcome.findings() + " finding(s)");
        }
        if (outcome.findings() > 0) {
            return 1;
        }
        return failOnIncomplete && outcome.incomplete() ? WardenCli.INCOMPLETE : 0;
    }

    private void write(String text, @Nullable Path file) throws IOException {
        if (file == null) {
            PrintWriter out = spec.commandLine().getOut();
            out.print(text);
            out.flush();
            return;
        }
        Path target = file.toAbsolutePath();
        // Written beside the target, then moved over it: a reader never sees half a report. Created like
        // any file (the umask decides who may read it), or with the permissions of the report it replaces.
        Path partial = target.resolveSibling(".warden-scan-" + java.util.UUID.randomUUID() + ".partial");
        try {
            Files.writeString(partial, text, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE_NEW);
            if (Files.exists(target)
                    && target.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(partial, Files.getPosixFilePermissions(target));
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /** "scanned 1,234 files, 56.7 MiB" on one line of a terminal, redrawn at most twice a second. */
    static final class ProgressLine implements Scanner.Progress {
        private final PrintWriter err;
        private final boolean enabled;
        private final AtomicLong lastDrawn = new AtomicLong();
        private volatile boolean drawn;

        ProgressLine(PrintWriter err, boolean enabled) {
            this.err = err;
            this.enabled = enabled;
        }

        @Override
        public void update(long files, long bytes) {
            long now = System.nanoTime();
            long last = lastDrawn.get();
            if (!enabled || now - last < 500_000_000L || !lastDrawn.compareAndSet(last, now)) {
                return;
            }
            synchronized (this) {
                err.print(String.format(Locale.ROOT, "\r  scanned %,d files, %.1f MiB ", files, bytes / 1048576.0));
                err.flush();
                drawn = true;
            }
        }

        synchronized void done() {
            if (drawn) {
                err.print("\r" + " ".repeat(60) + "\r");
                err.flush();
            }
        }
    }
}
