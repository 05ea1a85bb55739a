package dev.warden.scanner.sca;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * Reads OSV advisories from where they are published: one {@code .json} record, a folder of them at
 * any depth (an OSV export unpacked, or a clone of the GitHub Advisory Database with its
 * {@code advisories/github-reviewed/YYYY/MM/GHSA-.../GHSA-....json} layout), or a {@code .zip} as OSV
 * publishes per ecosystem ({@code Maven/all.zip}). A zip is read as hostile as any artifact: records
 * are bounded in size and number, names are never used as paths.
 */
public final class AdvisorySources {
    /** A larger record is not an advisory (the largest real ones are a few hundred KiB). */
    static final int MAX_RECORD_BYTES = 8 << 20;

    static final int MAX_RECORDS = 2_000_000;
    /** What a zip may expand to in all: every ecosystem of the GitHub Advisory Database is far less. */
    static final long MAX_TOTAL_BYTES = 4L << 30;

    private static final int MAX_DEPTH = 12;

    /** What a read gave: records read, kept (Maven or npm), skipped for other ecosystems, and errors. */
    public record Read(int records, int kept, int otherEcosystems, List<String> errors) {
        public Read {
            errors = List.copyOf(errors);
        }
    }

    private AdvisorySources() {}

    /**
     * Reads every record under {@code path}, handing each kept advisory to {@code sink}. A record that
     * cannot be read is an error named in the result; the others are still read.
     *
     * @throws IOException when {@code path} itself cannot be read
     */
    public static Read read(Path path, Consumer<Advisory> sink) throws IOException {
        Counter counter = new Counter(sink);
        if (Files.isDirectory(path)) {
            try (Stream<Path> files = Files.walk(path, MAX_DEPTH, new FileVisitOption[0])) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && isJson(file.toString())) {
                        counter.file(path.relativize(file).toString(), file);
                    }
                }
            }
        } else if (path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip")) {
            zip(path, counter);
        } else {
            counter.file(path.getFileName().toString(), path);
        }
        return new Read(counter.records, counter.kept, counter.other, counter.errors);
    }

    private static void zip(Path path, Counter counter) throws IOException {
        try (ZipFile zip = ZipFile.builder().setPath(path).get()) {
            Enumeration<ZipArchiveEntry> entries = zip.getEntries();
            while (entries.hasMoreElements()) {
                ZipArchiveEntry entry = entries.nextElement();
                if (entry.isDirectory() || !isJson(entry.getName())) {
                    continue;
                }
                if (counter.records >= MAX_RECORDS) {
                    counter.errors.add("stopped after " + MAX_RECORDS + " records");
                    return;
                }
                if (counter.bytes > MAX_TOTAL_BYTES) {
                    counter.errors.add("stopped: the zip expands to more than " + (MAX_TOTAL_BYTES >> 30) + " GiB");
                    return;
                }
                try (InputStream in = zip.getInputStream(entry)) {
                    byte[] bytes = in.readNBytes(MAX_RECORD_BYTES + 1);
                    counter.bytes += bytes.length;
                    counter.record(entry.getName(), bytes);
                } catch (IOException | RuntimeException e) {
                    counter.errors.add(entry.getName() + ": cannot be read: " + e.getMessage());
                }
            }
        }
    }

    private static boolean isJson(String name) {
        return name.toLowerCase(Locale.ROOT).endsWith(".json");
    }

    private static final class Counter {
        final Consumer<Advisory> sink;
        final List<String> errors = new ArrayList<>();
        int records;
        int kept;
        int other;
        long bytes;

        Counter(Consumer<Advisory> sink) {
            this.sink = sink;
        }

        void file(String name, Path file) {
            if (records >= MAX_RECORDS) {
                return;
            }
            try (InputStream in = Files.newInputStream(file)) {
                record(name, in.readNBytes(MAX_RECORD_BYTES + 1));
            } catch (IOException e) {
                errors.add(name + ": cannot be read: " + e.getMessage());
            }
        }

        void record(String name, byte[] bytes) {
            records++;
            if (bytes.length > MAX_RECORD_BYTES) {
                errors.add(name + ": larger than " + (MAX_RECORD_BYTES >> 20) + " MiB, not an advisory");
                return;
            }
            try {
                var advisory = Osv.read(new String(bytes, StandardCharsets.UTF_8));
                if (advisory.isPresent()) {
                    kept++;
                    sink.accept(advisory.get());
                } else {
                    other++;
                }
            } catch (Osv.InvalidException e) {
                errors.add(name + ": " + e.getMessage());
            }
        }
    }
}
