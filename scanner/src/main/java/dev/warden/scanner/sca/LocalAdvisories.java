package dev.warden.scanner.sca;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The CLI's advisory database: a folder holding {@code advisories.jsonl.gz} (one compact OSV record per
 * line, after the packages it names and a tab, so that a scan parses only the records of the packages it
 * found) and {@code advisories.json} (what it holds and when it was last updated). Imports are
 * incremental: a record replaces the one held only when its {@code modified} date is later, and a
 * withdrawal is kept so that it goes on hiding the older text. Files are replaced whole, never half
 * written.
 */
public final class LocalAdvisories {
    static final String RECORDS = "advisories.jsonl.gz";
    static final String ABOUT = "advisories.json";
    static final String FORMAT = "warden.advisories/v1";

    /** What an import changed. */
    public record Imported(
            int added, int updated, int unchanged, int withdrawn, int total, AdvisorySources.Read read) {}

    /** A database that does not exist or cannot be read, with what to do. */
    public static final class MissingException extends Exception {
        private static final long serialVersionUID = 1L;

        MissingException(String message) {
            super(message);
        }
    }

    private LocalAdvisories() {}

    /** Imports the advisories under {@code source} into the database in {@code folder}, creating it if need be. */
    public static Imported importInto(Path folder, Path source, Instant now) throws IOException {
        Map<String, Advisory> held = new LinkedHashMap<>();
        if (Files.exists(folder.resolve(RECORDS))) {
            for (Advisory a : readRecords(folder, null)) {
                held.put(a.id(), a);
            }
        }
        int[] counts = new int[4]; // added, updated, unchanged, withdrawn
        AdvisorySources.Read read = AdvisorySources.read(source, a -> {
            Advisory before = held.get(a.id());
            if (before == null) {
                counts[0]++;
            } else if (a.modified().isAfter(before.modified())) {
                counts[1]++;
            } else {
                counts[2]++;
                return;
            }
            if (a.withdrawn() != null) {
                counts[3]++;
            }
            held.put(a.id(), a);
        });
        Files.createDirectories(folder);
        List<Advisory> all = new ArrayList<>(held.values());
        all.sort(Comparator.comparing(Advisory::id));
        Path partial = folder.resolve(RECORDS + ".partial");
        try (BufferedWriter out = new BufferedWriter(new OutputStreamWriter(
                new GZIPOutputStream(Files.newOutputStream(partial), 65536), StandardCharsets.UTF_8))) {
            for (Advisory a : all) {
                out.write(String.join(" ", keys(a)));
                out.write('\t');
                out.write(a.source());
                out.write('\n');
            }
        }
        Files.move(
                partial, folder.resolve(RECORDS), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        ObjectNode about = JsonMapper.shared().createObjectNode();
        about.put("format", FORMAT);
        about.put("updated", now.toString());
        about.put("advisories", all.size());
        about.put("lastSource", source.toAbsolutePath().toString());
        about.put(
                "attribution",
                "Advisories in OSV format; keep the attribution their source requires"
                        + " (GitHub Advisory Database: CC-BY 4.0).");
        Path aboutPartial = folder.resolve(ABOUT + ".partial");
        Files.writeString(
                aboutPartial,
                JsonMapper.shared().writerWithDefaultPrettyPrinter().writeValueAsString(about));
        Files.move(
                aboutPartial,
                folder.resolve(ABOUT),
                StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
        return new Imported(counts[0], counts[1], counts[2], counts[3], all.size(), read);
    }

    /** The advisories held in {@code folder}. */
    public static List<Advisory> load(Path folder) throws IOException, MissingException {
        check(folder);
        return readRecords(folder, null);
    }

    /**
     * The advisories held in {@code folder} that name a package of one of the components (by name, or
     * by Maven artifact id for a component known only by its file name): only their records are parsed.
     */
    public static List<Advisory> loadFor(Path folder, Collection<Component> components)
            throws IOException, MissingException {
        check(folder);
        Set<String> names = new HashSet<>();
        Set<String> artifacts = new HashSet<>();
        for (Component c : components) {
            if (c.ecosystem() == Ecosystem.MAVEN && c.group() == null) {
                artifacts.add(c.ecosystem().key(c.name()));
            } else {
                names.add(key(c.ecosystem(), c.name()));
            }
        }
        return readRecords(
                folder,
                key -> names.contains(key)
                        || key.startsWith("MAVEN:") && artifacts.contains(key.substring(key.lastIndexOf(':') + 1)));
    }

    /** Fails with what to do when {@code folder} holds no database. */
    public static void check(Path folder) throws MissingException {
        if (!Files.isRegularFile(folder.resolve(RECORDS))) {
            throw new MissingException("no advisory database in " + folder
                    + "; create one with: warden advisories import PATH --into " + folder);
        }
    }

    private static String key(Ecosystem ecosystem, String name) {
        return ecosystem.name() + ":" + ecosystem.key(name).replaceAll("\\s", "_");
    }

    private static Set<String> keys(Advisory a) {
        Set<String> keys = new java.util.LinkedHashSet<>();
        for (Advisory.Affected affected : a.affected()) {
            keys.add(key(affected.ecosystem(), affected.name()));
        }
        return keys;
    }

    /** When the database in {@code folder} was last updated; null when unknown. */
    public static @Nullable Instant updated(Path folder) {
        try {
            JsonNode about = JsonMapper.shared().readTree(Files.readString(folder.resolve(ABOUT)));
            return Instant.parse(about.path("updated").asString(""));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static List<Advisory> readRecords(Path folder, java.util.function.@Nullable Predicate<String> wanted)
            throws IOException {
        List<Advisory> out = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(folder.resolve(RECORDS)), 65536), StandardCharsets.UTF_8))) {
            String line;
            int n = 0;
            while ((line = in.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                int tab = line.indexOf('\t');
                if (wanted != null && tab > 0) {
                    boolean any = false;
                    for (String key : line.substring(0, tab).split(" ")) {
                        any = any || wanted.test(key);
                    }
                    if (!any) {
                        continue;
                    }
                }
                try {
                    Osv.read(tab < 0 ? line : line.substring(tab + 1)).ifPresent(out::add);
                } catch (Osv.InvalidException e) {
                    throw new IOException(folder.resolve(RECORDS) + " line " + n + " is damaged (" + e.getMessage()
                            + "); import the advisories again into a new folder");
                }
            }
        } catch (NoSuchFileException e) {
            return out;
        }
        return out;
    }
}
