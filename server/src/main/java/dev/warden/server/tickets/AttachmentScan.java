package dev.warden.server.tickets;

import dev.warden.scanner.Finding;
import dev.warden.scanner.Problem;
import dev.warden.scanner.Rule;
import dev.warden.scanner.ScanLimits;
import dev.warden.scanner.ScanReport;
import dev.warden.scanner.Scanner;
import dev.warden.scanner.rules.BuiltInRules;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.tika.Tika;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * What an attached file is and holds, found while its upload waits: its media type from its first bytes
 * (the name only refines it), the secrets the scanner's rules find in it and in any archive inside it
 * (which refuse the file), and what else they note. The scan is bounded like an artifact's, more
 * tightly, and stopped at {@code warden.attachments.scan-time-limit}.
 */
@Component
class AttachmentScan implements DisposableBean {
    /** What the scan found. {@code secrets} refuse the file; {@code notes} are shown beside it. */
    record Result(String mediaType, List<String> secrets, List<String> notes, boolean complete) {}

    /** Media types of programs a person could run by opening the file. */
    private static final Set<String> PROGRAMS = Set.of(
            "application/x-msdownload",
            "application/x-dosexec",
            "application/x-executable",
            "application/x-elf",
            "application/x-sharedlib",
            "application/x-mach-o-executable",
            "application/x-mach-o",
            "application/x-msi",
            "application/x-ms-installer",
            "application/vnd.microsoft.portable-executable");

    /** Archives nested a few deep and a few hundred MiB expanded are plenty for a proof of concept. */
    private static final ScanLimits LIMITS = new ScanLimits(1L << 30, 64L << 20, 100, 50_000, 4, 128L << 20);

    private static final int LISTED = 20;

    private final Tika tika = new Tika();
    private final AttachmentSettings settings;
    private final Map<String, Rule> rules =
            BuiltInRules.all().stream().collect(Collectors.toMap(Rule::id, Function.identity()));
    private final ExecutorService pool = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "warden-attachment-scan");
        t.setDaemon(true);
        return t;
    });

    AttachmentScan(AttachmentSettings settings) {
        this.settings = settings;
    }

    Result scan(Path file, String name) {
        String type = mediaType(file, name);
        List<String> notes = new ArrayList<>();
        if (PROGRAMS.contains(type.replaceFirst(";.*", "").strip())) {
            notes.add("This is a program (" + type + "): never run it outside an isolated machine.");
        }
        String named = tika.detect(name);
        if (!named.equals("application/octet-stream") && !named.equals(type)) {
            notes.add("Its name says " + named + " but its bytes are " + type + ".");
        }
        Scanner scanner = new Scanner(BuiltInRules.all(), LIMITS, 1);
        Future<ScanReport> running = pool.submit(() -> scanner.scanAs(file, name, (files, bytes) -> {}));
        ScanReport report;
        try {
            report = running.get(settings.scanTimeLimit().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            running.cancel(true);
            notes.add("Not scanned in full: the scan stopped at its time limit of "
                    + settings.scanTimeLimit().toSeconds() + " s (warden.attachments.scan-time-limit).");
            return new Result(type, List.of(), notes, false);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            notes.add("Not scanned: the scanner could not read it (" + cause.getMessage() + ").");
            return new Result(type, List.of(), notes, false);
        } catch (InterruptedException e) {
            running.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while scanning an attachment", e);
        }
        List<String> secrets = new ArrayList<>();
        for (Finding f : report.findings()) {
            Rule rule = rules.get(f.rule());
            String where = f.path() + ", line " + f.line();
            if (rule == null || rule.findsSecrets()) {
                secrets.add((rule == null ? f.rule() : rule.title()) + " " + f.preview() + " at " + where);
            } else if (notes.size() < LISTED) {
                notes.add(rule.title() + " at " + where + ": " + f.message());
            }
        }
        for (Problem p : report.problems()) {
            if (notes.size() < LISTED) {
                notes.add((p.unread() ? "Not read: " : "") + p.path() + ": " + p.message());
            }
        }
        return new Result(type, secrets, notes, !report.incomplete());
    }

    private String mediaType(Path file, String name) {
        Metadata metadata = new Metadata();
        metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, name);
        try (InputStream in = TikaInputStream.get(Files.newInputStream(file))) {
            return tika.detect(in, metadata);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the attachment back", e);
        }
    }

    @Override
    public void destroy() {
        pool.shutdownNow();
    }
}
