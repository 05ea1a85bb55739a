package dev.warden.scanner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Scans a file or a folder, archives opened to any depth within the limits, with a set of rules, on a
 * number of threads (one file per task). Found secrets leave only as masked previews and hashes.
 */
public final class Scanner {
    /** Told now and then how far a scan has got; called from the scanning threads. */
    public interface Progress {
        void update(long files, long bytes);

        Progress NONE = (files, bytes) -> {};
    }

    /** Extensions never worth reading for text: media and fonts. */
    private static final Set<String> SKIPPED = Set.of(
            "png", "jpg", "jpeg", "gif", "ico", "webp", "bmp", "tif", "tiff", "woff", "woff2", "ttf", "otf", "eot",
            "mp3", "mp4", "wav", "ogg", "webm", "avi", "mov", "psd");

    private final List<Rule> rules;
    private final Keywords keywords;
    /** Rules without keywords look at every file, whole. */
    private final List<Rule> everywhere;

    private final List<AppRule> appRules;

    private final ScanLimits limits;
    private final int threads;
    private final boolean inventory;

    public Scanner(List<Rule> rules, ScanLimits limits, int threads) {
        this(rules, limits, threads, true);
    }

    /**
     * A scanner that also lists the libraries bundled ({@code inventory}), or one that does not (to
     * measure what the inventory costs).
     */
    public Scanner(List<Rule> rules, ScanLimits limits, int threads, boolean inventory) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1");
        }
        this.rules = List.copyOf(rules);
        List<Rule> withMarker = new ArrayList<>(this.rules);
        withMarker.add(new EvidenceMarker());
        this.keywords = new Keywords(withMarker);
        this.everywhere = this.rules.stream()
                .filter(r -> r.keywords().isEmpty() && !(r instanceof AppRule))
                .toList();
        this.appRules = this.rules.stream()
                .filter(AppRule.class::isInstance)
                .map(AppRule.class::cast)
                .toList();
        this.limits = limits;
        this.threads = threads;
        this.inventory = inventory;
    }

    /**
     * Scans a file or a folder.
     *
     * @throws UncheckedIOException when the input itself does not exist or cannot be listed
     */
    public ScanReport scan(Path input, Progress progress) {
        return scan(input, null, progress);
    }

    /**
     * Scans one file as if it were named {@code name}: a stored artifact kept under its content hash is
     * reported under the name it was uploaded with ({@code app-1.2.0.obr!/lib/...}).
     *
     * @throws UncheckedIOException when the file does not exist
     */
    public ScanReport scanAs(Path file, String name, Progress progress) {
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException("scanAs takes a file, not a folder: " + file);
        }
        return scan(file, name, progress);
    }

    private ScanReport scan(Path input, @Nullable String name, Progress progress) {
        Path root = input.toAbsolutePath().normalize();
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new UncheckedIOException(new java.nio.file.NoSuchFileException(input.toString()));
        }
        Walker walker = new Walker(limits);
        Collector collector = new Collector(progress);
        boolean folder = Files.isDirectory(root, java.nio.file.LinkOption.NOFOLLOW_LINKS);
        java.util.function.Function<Path, ArtifactPath> names = folder
                ? p -> ArtifactPath.of(root.relativize(p).toString().replace('\\', '/'))
                : p -> ArtifactPath.of(name != null ? name : p.getFileName().toString());
        // Files are scanned while the folder is still being walked: one task per file.
        ExecutorService pool = threads == 1
                ? null
                : Executors.newFixedThreadPool(threads, r -> {
                    Thread t = new Thread(r, "warden-scan");
                    t.setDaemon(true);
                    return t;
                });
        List<Future<?>> tasks = new ArrayList<>();
        java.util.function.Consumer<Path> scanOne = file -> {
            if (pool == null) {
                walker.walkFile(file, names.apply(file), collector);
            } else {
                tasks.add(pool.submit(() -> walker.walkFile(file, names.apply(file), collector)));
            }
        };
        try {
            if (folder) {
                Folders.files(root, names, collector, scanOne);
            } else {
                scanOne.accept(root);
            }
            for (Future<?> task : tasks) {
                task.get();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("scan interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("scan failed: " + e.getCause(), e.getCause());
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
        List<Finding> findings = new ArrayList<>(collector.findings);
        findings.addAll(checkApps(collector));
        findings.sort(Comparator.comparing((Finding f) -> f.path().toString())
                .thenComparingInt(Finding::line)
                .thenComparingInt(Finding::column)
                .thenComparing(Finding::rule)
                .thenComparing(Finding::fingerprint));
        List<Descriptor> descriptors = new ArrayList<>(collector.descriptors);
        descriptors.sort(Comparator.comparing(d -> d.path().toString()));
        List<Problem> problems = new ArrayList<>(collector.problems);
        problems.sort(Comparator.comparing((Problem p) -> p.path().toString()).thenComparing(Problem::message));
        progress.update(collector.files.get(), collector.bytes.get());
        return new ScanReport(
                name != null ? name : input.toString(),
                findings,
                0,
                problems,
                collector.files.get(),
                collector.bytes.get(),
                descriptors,
                collector.components == null ? List.of() : collector.components.components());
    }

    /** Runs the rules over one file's bytes. */
    List<Finding> scanBytes(ArtifactPath path, byte[] bytes, int length) {
        return scanFile(path, bytes, length).findings();
    }

    /** What one file gave: findings, and its text when it may hold API evidence (null otherwise). */
    private record Scanned(List<Finding> findings, @Nullable Content evidence) {}

    /**
     * Runs the rules over one file's bytes. The keyword pass also looks for the markers of API use
     * (rule index past the rules'), so evidence costs nothing for the files without any.
     */
    private Scanned scanFile(ArtifactPath path, byte[] bytes, int length) {
        Content[] content = new Content[1];
        Findings[] sink = new Findings[1];
        boolean[] marked = new boolean[1];
        keywords.find(bytes, length, (keyword, at) -> {
            if (content[0] == null) {
                content[0] = Content.of(path, bytes, length);
                sink[0] = new Findings(content[0]);
            }
            for (int r : keywords.rulesOf(keyword)) {
                if (r == rules.size()) {
                    marked[0] = true;
                } else {
                    rules.get(r).check(content[0], at, sink[0]);
                }
            }
        });
        if (!everywhere.isEmpty()) {
            if (content[0] == null) {
                content[0] = Content.of(path, bytes, length);
                sink[0] = new Findings(content[0]);
            }
            for (Rule rule : everywhere) {
                rule.check(content[0], -1, sink[0]);
            }
        }
        return new Scanned(sink[0] == null ? List.of() : sink[0].all(), marked[0] ? content[0] : null);
    }

    /**
     * Runs the app rules on each descriptor, with the evidence of the code that belongs to it: the files
     * in its folder or archive that no nearer descriptor claims. An app whose folder or archive was not
     * read whole is not judged (what is missing might be what uses a scope).
     */
    private List<Finding> checkApps(Collector collector) {
        List<Finding> out = new ArrayList<>();
        if (appRules.isEmpty()) {
            return out;
        }
        List<List<String>> containers =
                collector.descriptors.stream().map(d -> container(d.path())).toList();
        java.util.Map<List<String>, Set<String>> evidence = new java.util.HashMap<>();
        collector.evidence.forEach((path, uses) -> {
            List<String> owner = null;
            for (List<String> container : containers) {
                if (within(path.segments(), container) && (owner == null || longer(container, owner))) {
                    owner = container;
                }
            }
            if (owner != null) {
                evidence.computeIfAbsent(owner, k -> new java.util.HashSet<>()).addAll(uses);
            }
        });
        for (Descriptor descriptor : collector.descriptors) {
            List<String> container = container(descriptor.path());
            Content text = collector.descriptorTexts.get(descriptor.path());
            // A problem inside the app's folder or archive, or on the archive itself (cut short, say).
            boolean partly = collector.problems.stream()
                    .anyMatch(p -> p.unread()
                            && (within(p.path().segments(), container)
                                    || p.path().segments().equals(container)));
            if (text == null || partly) {
                continue;
            }
            Findings sink = new Findings(text);
            for (AppRule rule : appRules) {
                rule.checkApp(descriptor, evidence.getOrDefault(container, Set.of()), sink);
            }
            out.addAll(sink.all());
        }
        return out;
    }

    /**
     * Where a descriptor's app lies, as path segments: the archive holding it plus its folder inside
     * (the last segment cut at its last slash).
     */
    private static List<String> container(ArtifactPath path) {
        List<String> segments = new ArrayList<>(path.segments());
        String last = segments.remove(segments.size() - 1);
        int slash = last.lastIndexOf('/');
        if (slash >= 0) {
            segments.add(last.substring(0, slash + 1));
        }
        return segments;
    }

    /** Whether a file (or problem) lies within a container. */
    private static boolean within(List<String> path, List<String> container) {
        if (container.isEmpty()) {
            return true;
        }
        int n = container.size();
        if (path.size() < n) {
            return false;
        }
        String last = container.get(n - 1);
        if (!path.subList(0, n - 1).equals(container.subList(0, n - 1))) {
            return false;
        }
        String here = path.get(n - 1);
        return last.endsWith("/") ? here.startsWith(last) : here.equals(last) && path.size() > n;
    }

    private static boolean longer(List<String> a, List<String> b) {
        return a.size() != b.size()
                ? a.size() > b.size()
                : a.get(a.size() - 1).length() > b.get(b.size() - 1).length();
    }

    /** Not a rule anyone sees: its keywords mark the files worth reading for API evidence. */
    private static final class EvidenceMarker implements Rule {
        @Override
        public String id() {
            return "api-evidence";
        }

        @Override
        public String title() {
            return id();
        }

        @Override
        public String help() {
            return id();
        }

        @Override
        public Severity severity() {
            return Severity.LOW;
        }

        @Override
        public List<String> keywords() {
            return ApiEvidence.MARKERS;
        }

        @Override
        public void check(Content content, int at, Findings findings) {
            // Only its keywords matter; scanFile notes the hit.
        }
    }

    private final class Collector implements Walker.Visitor {
        final List<Finding> findings = Collections.synchronizedList(new ArrayList<>());
        final List<Problem> problems = Collections.synchronizedList(new ArrayList<>());
        final List<Descriptor> descriptors = Collections.synchronizedList(new ArrayList<>());
        final java.util.Map<ArtifactPath, Content> descriptorTexts = new java.util.concurrent.ConcurrentHashMap<>();
        final java.util.Map<ArtifactPath, Set<String>> evidence = new java.util.concurrent.ConcurrentHashMap<>();
        final AtomicLong files = new AtomicLong();
        final AtomicLong bytes = new AtomicLong();
        final dev.warden.scanner.sca.@Nullable Inventory components =
                inventory ? new dev.warden.scanner.sca.Inventory() : null;
        private final Progress progress;

        Collector(Progress progress) {
            this.progress = progress;
        }

        @Override
        public void file(ArtifactPath path, byte[] content, int length) {
            long n = files.incrementAndGet();
            bytes.addAndGet(length);
            String name = path.fileName();
            String ext = name.substring(name.lastIndexOf('.') + 1);
            if (SKIPPED.contains(ext)) {
                return;
            }
            if (components != null) {
                components.file(path, content, length);
            }
            Scanned scanned = scanFile(path, content, length);
            findings.addAll(scanned.findings());
            if (Descriptors.isDescriptor(name)) {
                Content text = Content.of(path, content, length);
                Descriptors.read(text).ifPresent(d -> {
                    descriptors.add(d);
                    descriptorTexts.put(path, text);
                });
            }
            Content marked = scanned.evidence();
            if (marked != null && !appRules.isEmpty() && ApiEvidence.isCode(name)) {
                Set<String> found = ApiEvidence.evidence(marked.text());
                if (!found.isEmpty()) {
                    evidence.put(path, found);
                }
            }
            if ((n & 255) == 0) {
                progress.update(n, bytes.get());
            }
        }

        @Override
        public void problem(Problem problem) {
            problems.add(problem);
        }
    }
}
