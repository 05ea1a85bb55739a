package dev.warden.scanner;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;
import org.jspecify.annotations.Nullable;

/**
 * Opens a file and, inside it, archives of any depth (ZIP, JAR, WAR, OBR, tar, gzip), handing each
 * plain file to a visitor with its {@link ArtifactPath}. Every archive is hostile: expansion is bounded
 * per file given to the scan, per entry and by compression ratio; entry count and nesting depth are
 * bounded; symbolic links are not followed; a corrupt archive is a {@link Problem} for that file, and
 * the walk goes on. Nothing is ever extracted to disk, so an entry whose name climbs out of its archive
 * is read like any other (and reported).
 *
 * <p>Every budget belongs to one file given to the scan and everything inside it, never to the scan
 * as a whole: what is read of a file does not depend on which other files other threads are reading,
 * so the same input gives the same report on any number of threads.
 */
final class Walker {
    /** Receives what the walk finds. */
    interface Visitor {
        void file(ArtifactPath path, byte[] bytes, int length);

        void problem(Problem problem);
    }

    /** Expansion below this size never counts as a bomb, whatever its ratio (small files compress well). */
    private static final long RATIO_GRACE = 1 << 20;

    private final ScanLimits limits;
    private final AtomicLong expanded = new AtomicLong();
    private final MemoryBudget memory;

    /** What one file given to the scan, with everything inside it, has used of the limits. */
    private static final class Budget {
        long expanded;
        long entries;
        boolean totalReported;
    }

    Walker(ScanLimits limits) {
        this.limits = limits;
        this.memory = new MemoryBudget(limits.memoryBytes());
    }

    /** Bytes expanded from archives so far, in the whole scan. */
    long expanded() {
        return expanded.get();
    }

    /** Walks one file on disk (never a symbolic link: the caller does not follow them). */
    void walkFile(Path file, ArtifactPath path, Visitor visitor) {
        new Walk(new Budget()).file(file, path, visitor);
    }

    /** One file's walk, with its own budget. */
    private final class Walk {
        private final Budget budget;

        Walk(Budget budget) {
            this.budget = budget;
        }

        void file(Path file, ArtifactPath path, Visitor visitor) {
            byte[] bytes;
            int length = 0;
            long held = 0;
            try (java.nio.channels.SeekableByteChannel channel = Files.newByteChannel(file)) {
                long size = channel.size();
                if (size > limits.maxEntryBytes()) {
                    java.nio.ByteBuffer head = java.nio.ByteBuffer.allocate(4);
                    channel.read(head);
                    if (ContentKind.of(head.array(), head.position()) == ContentKind.ZIP && limits.maxDepth() > 0) {
                        large(file, path, visitor);
                    } else {
                        visitor.problem(new Problem(
                                path,
                                "skipped: " + size + " bytes, over the limit of " + limits.maxEntryBytes()
                                        + " per file"));
                    }
                    return;
                }
                // One open, one size, one read: most files are small, and the calls add up over thousands.
                held = size > MemoryBudget.SMALL ? 2 * size : 0; // its bytes, then its text
                memory.acquire(held);
                bytes = new byte[(int) size];
                java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining() && channel.read(buffer) > 0) {
                    length = buffer.position();
                }
                length = buffer.position();
            } catch (IOException e) {
                memory.release(held);
                visitor.problem(new Problem(path, "cannot be read: " + e.getMessage()));
                return;
            }
            try {
                visit(path, bytes, length, 0, visitor);
            } finally {
                memory.release(held);
            }
        }

        /** A large archive on disk is read where it lies, entry by entry, not loaded whole. */
        private void large(Path file, ArtifactPath path, Visitor visitor) {
            ZipFile zip;
            try {
                zip = ZipFile.builder().setPath(file).get();
            } catch (IOException | RuntimeException e) {
                visitor.problem(new Problem(
                        path,
                        "truncated or corrupt archive (" + message(e)
                                + "); the entries before the damage are read from their local headers"));
                try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file), 65536)) {
                    stream(path, in, 0, visitor);
                } catch (IOException again) {
                    visitor.problem(new Problem(path, "cannot be read: " + message(again)));
                }
                return;
            }
            try (zip) {
                entries(zip, path, 0, visitor);
            } catch (IOException | RuntimeException e) {
                visitor.problem(new Problem(path, "corrupt or truncated archive: " + message(e)));
            }
        }

        private void visit(ArtifactPath path, byte[] bytes, int length, int depth, Visitor visitor) {
            ContentKind kind = ContentKind.of(bytes, length);
            if (kind == ContentKind.PLAIN) {
                visitor.file(path, bytes, length);
                return;
            }
            if (depth >= limits.maxDepth()) {
                visitor.problem(new Problem(path, "not opened: archives nested deeper than " + limits.maxDepth()));
                return;
            }
            try {
                switch (kind) {
                    case ZIP -> zip(path, bytes, length, depth, visitor);
                    case GZIP -> gzip(path, bytes, length, depth, visitor);
                    case TAR -> tar(path, new java.io.ByteArrayInputStream(bytes, 0, length), length, depth, visitor);
                    default -> throw new IllegalStateException();
                }
            } catch (IOException | RuntimeException e) {
                // commons-compress reports some corruptions as runtime exceptions; all mean "this archive is broken".
                visitor.problem(new Problem(path, "corrupt or truncated archive: " + message(e)));
            }
        }

        private void zip(ArtifactPath path, byte[] bytes, int length, int depth, Visitor visitor) throws IOException {
            byte[] exact = length == bytes.length ? bytes : java.util.Arrays.copyOf(bytes, length);
            ZipFile zip;
            try {
                zip = ZipFile.builder()
                        .setSeekableByteChannel(new SeekableInMemoryByteChannel(exact))
                        .get();
            } catch (IOException | RuntimeException e) {
                // No central directory (a truncated download, say): what the local headers still give is read.
                visitor.problem(new Problem(
                        path,
                        "truncated or corrupt archive (" + message(e)
                                + "); the entries before the damage are read from their local headers"));
                stream(path, new java.io.ByteArrayInputStream(exact), depth, visitor);
                return;
            }
            try (zip) {
                entries(zip, path, depth, visitor);
            }
        }

        /** Reads a ZIP front to back by its local headers, as far as it goes. */
        private void stream(ArtifactPath path, InputStream raw, int depth, Visitor visitor) {
            try (org.apache.commons.compress.archivers.zip.ZipArchiveInputStream zip =
                    new org.apache.commons.compress.archivers.zip.ZipArchiveInputStream(raw, "UTF-8", true, true)) {
                ZipArchiveEntry entry;
                while ((entry = zip.getNextEntry()) != null) {
                    if (entry.isDirectory()) {
                        continue;
                    }
                    if (!admit(path, entry.getName(), entry.isUnixSymlink(), visitor)) {
                        if (budget.entries > limits.maxEntries()) {
                            return;
                        }
                        continue;
                    }
                    long compressed = entry.getCompressedSize();
                    long ratioLimit = compressed < 0
                            ? limits.maxEntryBytes()
                            : Math.max(RATIO_GRACE, saturatedTimes(compressed, limits.maxRatio()));
                    read(
                            path.enter(EntryNames.clean(entry.getName())),
                            zip,
                            zip::getCompressedCount,
                            ratioLimit,
                            depth,
                            visitor);
                }
            } catch (IOException | RuntimeException e) {
                visitor.problem(new Problem(path, "reading stopped at damaged data: " + message(e)));
            }
        }

        private void entries(ZipFile zip, ArtifactPath path, int depth, Visitor visitor) {
            Enumeration<ZipArchiveEntry> all = zip.getEntriesInPhysicalOrder();
            while (all.hasMoreElements()) {
                ZipArchiveEntry entry = all.nextElement();
                if (entry.isDirectory()) {
                    continue;
                }
                if (!admit(path, entry.getName(), entry.isUnixSymlink(), visitor)) {
                    if (budget.entries > limits.maxEntries()) {
                        return;
                    }
                    continue;
                }
                ArtifactPath inner = path.enter(EntryNames.clean(entry.getName()));
                long ratioLimit = Math.max(RATIO_GRACE, saturatedTimes(entry.getCompressedSize(), limits.maxRatio()));
                try (InputStream in = zip.getInputStream(entry)) {
                    read(inner, in, compressedCount(in), ratioLimit, depth, visitor);
                } catch (IOException | RuntimeException e) {
                    visitor.problem(new Problem(inner, "corrupt entry: " + message(e)));
                }
            }
        }

        private void gzip(ArtifactPath path, byte[] bytes, int length, int depth, Visitor visitor) throws IOException {
            long ratioLimit = Math.max(RATIO_GRACE, saturatedTimes(length, limits.maxRatio()));
            CountedInputStream raw = new CountedInputStream(new java.io.ByteArrayInputStream(bytes, 0, length));
            try (InputStream in = new GZIPInputStream(raw, 65536)) {
                byte[] head = new byte[512];
                int n = in.readNBytes(head, 0, head.length);
                InputStream whole = new java.io.SequenceInputStream(new java.io.ByteArrayInputStream(head, 0, n), in);
                if (ContentKind.of(head, n) == ContentKind.TAR) {
                    tar(path, whole, length, depth, visitor);
                } else {
                    String name = path.segments().get(path.segments().size() - 1);
                    String inner = name.toLowerCase(java.util.Locale.ROOT).endsWith(".gz")
                            ? name.substring(name.lastIndexOf('/') + 1, name.length() - 3)
                            : "content";
                    read(
                            path.enter(inner.isEmpty() ? "content" : inner),
                            whole,
                            raw::count,
                            ratioLimit,
                            depth,
                            visitor);
                }
            }
        }

        private void tar(ArtifactPath path, InputStream raw, long compressedSize, int depth, Visitor visitor)
                throws IOException {
            long ratioLimit = Math.max(RATIO_GRACE, saturatedTimes(compressedSize, limits.maxRatio()));
            long used = 0;
            try (TarArchiveInputStream tar = new TarArchiveInputStream(raw)) {
                TarArchiveEntry entry;
                while ((entry = tar.getNextEntry()) != null) {
                    if (entry.isDirectory()) {
                        continue;
                    }
                    boolean link = entry.isSymbolicLink() || entry.isLink();
                    if (!entry.isFile() && !link) {
                        continue; // devices, FIFOs: nothing to read
                    }
                    if (!admit(path, entry.getName(), link, visitor)) {
                        if (budget.entries > limits.maxEntries()) {
                            return;
                        }
                        continue;
                    }
                    ArtifactPath inner = path.enter(EntryNames.clean(entry.getName()));
                    // The whole tar expands from one compressed stream: its ratio bounds all entries together.
                    long left = ratioLimit - used;
                    if (left <= 0) {
                        visitor.problem(new Problem(
                                path,
                                "stopped: expands more than " + limits.maxRatio() + " times its compressed size"));
                        return;
                    }
                    used += read(inner, tar, null, left, depth, visitor);
                }
            }
        }

        /** Counts an entry and says whether to read it; refusals are reported. */
        private boolean admit(ArtifactPath archive, String name, boolean link, Visitor visitor) {
            long n = ++budget.entries;
            if (n > limits.maxEntries()) {
                if (n == limits.maxEntries() + 1) {
                    visitor.problem(new Problem(
                            archive, "stopped: more than " + limits.maxEntries() + " archive entries in this file"));
                }
                return false;
            }
            if (link) {
                visitor.problem(Problem.note(archive, "symbolic link not followed: " + EntryNames.printable(name)));
                return false;
            }
            if (!EntryNames.safe(name)) {
                // Nothing is extracted, so the name is only a label: the content is scanned like any other.
                visitor.problem(Problem.note(
                        archive,
                        "entry name leaves the archive (read, never extracted): " + EntryNames.printable(name)));
            }
            return true;
        }

        /**
         * Reads an entry and visits it; returns the bytes it expanded to (as far as they were read). With
         * {@code compressed} (the compressed bytes consumed so far), a bomb is stopped as soon as it has
         * expanded past the grace more than the ratio allows, not after its whole allowance: a layer of
         * 42.zip costs a megabyte, not the 200-fold of its compressed size.
         */
        private long read(
                ArtifactPath path,
                InputStream in,
                java.util.function.@Nullable LongSupplier compressed,
                long ratioLimit,
                int depth,
                Visitor visitor)
                throws IOException {
            long cap = Math.min(limits.maxEntryBytes(), ratioLimit);
            // Chunks, joined once at the end: a growing array would hold up to three times the entry.
            java.util.List<byte[]> chunks = new java.util.ArrayList<>();
            byte[] buffer = new byte[65536];
            long total = 0;
            long held = 0;
            try {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    total += n;
                    if (held == 0 && total > MemoryBudget.SMALL && total <= cap) {
                        // Large: room for the most it may grow to (twice: its bytes, then its text), before more.
                        held = 2 * cap;
                        memory.acquire(held);
                    }
                    boolean bomb = compressed != null
                            && total > RATIO_GRACE
                            && total > saturatedTimes(Math.max(1, compressed.getAsLong()), limits.maxRatio());
                    if (total > cap || bomb) {
                        visitor.problem(new Problem(
                                path,
                                total > ratioLimit || bomb
                                        ? "skipped: expands more than " + limits.maxRatio()
                                                + " times its compressed size"
                                        : "skipped: larger than " + limits.maxEntryBytes() + " bytes"));
                        expanded.addAndGet(n);
                        budget.expanded += n;
                        return total;
                    }
                    expanded.addAndGet(n);
                    budget.expanded += n;
                    if (budget.expanded > limits.maxTotalBytes()) {
                        // Said once; every later entry stops at its first block without repeating it.
                        if (!budget.totalReported) {
                            budget.totalReported = true;
                            visitor.problem(
                                    new Problem(
                                            path,
                                            "stopped: more than " + limits.maxTotalBytes()
                                                    + " bytes expanded from this file's archives; its later entries are not read"));
                        }
                        return total;
                    }
                    chunks.add(java.util.Arrays.copyOf(buffer, n));
                }
                byte[] bytes = new byte[(int) total];
                int at = 0;
                for (byte[] chunk : chunks) {
                    System.arraycopy(chunk, 0, bytes, at, chunk.length);
                    at += chunk.length;
                }
                chunks = null;
                visit(path, bytes, bytes.length, depth + 1, visitor);
                return total;
            } finally {
                memory.release(held);
            }
        }
    }

    private static long saturatedTimes(long a, long b) {
        return a <= 0 ? 0 : (a > Long.MAX_VALUE / b ? Long.MAX_VALUE : a * b);
    }

    private static String message(Exception e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }

    /** The compressed bytes an entry's stream has consumed, when it can tell. */
    private static java.util.function.@Nullable LongSupplier compressedCount(InputStream in) {
        return in instanceof org.apache.commons.compress.utils.InputStreamStatistics stats
                ? stats::getCompressedCount
                : null;
    }
}
