package dev.warden.scanner.sca;

import dev.warden.scanner.ArtifactPath;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Collects the components of one scan from the files the walk hands it, on any number of threads, at
 * any nesting depth; {@link #components()} then settles them. A JAR's manifest counts only where the
 * JAR carries no Maven metadata, and its file name only where it carries neither (an uber-JAR's
 * {@code META-INF/maven} entries name every library shaded into it whose metadata survived).
 */
public final class Inventory {
    /** Files larger than this are not read for components (lock files of real projects are far smaller). */
    private static final int MAX_BYTES = 32 << 20;

    private final Queue<Component> found = new ConcurrentLinkedQueue<>();
    private final Set<List<String>> jars = ConcurrentHashMap.newKeySet();

    /** Whether a file can name a component: cheap, by its path alone. */
    public static boolean reads(ArtifactPath path) {
        String last = path.segments().get(path.segments().size() - 1);
        String name = path.fileName();
        return MavenMetadata.isPomEntry(last)
                || MavenMetadata.isManifest(last)
                || NpmMetadata.isLockFile(name)
                || name.equals("yarn.lock")
                || name.endsWith(".js")
                || name.equals("package.json") && NpmMetadata.isPackageJson(last);
    }

    /** Notes the archives a file lies in (for JAR names) and reads it when it names components. */
    public void file(ArtifactPath path, byte[] bytes, int length) {
        List<String> segments = path.segments();
        for (int i = 1; i < segments.size(); i++) {
            if (segments.get(i - 1).toLowerCase(Locale.ROOT).endsWith(".jar")) {
                jars.add(List.copyOf(segments.subList(0, i)));
            }
        }
        if (length > MAX_BYTES || !reads(path)) {
            return;
        }
        String last = segments.get(segments.size() - 1);
        String name = path.fileName();
        if (MavenMetadata.isPomEntry(last)) {
            String text = new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
            (last.endsWith(".properties")
                            ? MavenMetadata.pomProperties(path, text)
                            : MavenMetadata.pomXml(path, new String(bytes, 0, length, StandardCharsets.UTF_8)))
                    .ifPresent(found::add);
        } else if (MavenMetadata.isManifest(last)) {
            MavenMetadata.manifest(path, new String(bytes, 0, length, StandardCharsets.ISO_8859_1))
                    .ifPresent(found::add);
        } else if (NpmMetadata.isLockFile(name)) {
            found.addAll(NpmMetadata.packageLock(path, utf8(bytes, length)));
        } else if (name.equals("yarn.lock")) {
            found.addAll(NpmMetadata.yarnLock(path, utf8(bytes, length)));
        } else if (name.equals("package.json")) {
            NpmMetadata.packageJson(path, utf8(bytes, length)).ifPresent(found::add);
        } else {
            // Only the head is decoded: a banner sits at the top, and bundles run to megabytes.
            NpmMetadata.banner(path, new String(bytes, 0, Math.min(length, 32 * 1024), StandardCharsets.ISO_8859_1))
                    .ifPresent(found::add);
        }
    }

    /** The components found, each once per place, sorted by location, name and version. */
    public List<Component> components() {
        List<Component> all = new ArrayList<>(found);
        Set<ArtifactPath> withMaven = new HashSet<>();
        Set<String> withProperties = new HashSet<>();
        for (Component c : all) {
            if (c.source() == Component.Source.POM_PROPERTIES || c.source() == Component.Source.POM_XML) {
                withMaven.add(c.location());
            }
            if (c.source() == Component.Source.POM_PROPERTIES) {
                withProperties.add(c.name() + "\0" + c.location());
            }
        }
        Set<String> seen = new HashSet<>();
        Set<ArtifactPath> named = new HashSet<>();
        List<Component> out = new ArrayList<>();
        all.sort(Comparator.comparing(Component::source)); // pom.properties before pom.xml before the rest
        for (Component c : all) {
            if (c.source() == Component.Source.MANIFEST && withMaven.contains(c.location())
                    || c.source() == Component.Source.POM_XML
                            && withProperties.contains(c.name() + "\0" + c.location())) {
                continue; // the pom.xml's version may be its parent's: pom.properties says what was built
            }
            if (seen.add(c.ecosystem() + "\0" + c.name().toLowerCase(Locale.ROOT) + "\0" + c.version() + "\0"
                    + c.location())) {
                out.add(c);
                named.add(c.location());
            }
        }
        for (List<String> jar : jars) {
            ArtifactPath path = new ArtifactPath(jar);
            if (!named.contains(path)) {
                Optional<Component> byName = MavenMetadata.fileName(path);
                byName.ifPresent(out::add);
            }
        }
        out.sort(Comparator.comparing((Component c) -> c.location().toString())
                .thenComparing(Component::name)
                .thenComparing(Component::version)
                .thenComparing(Component::source));
        return out;
    }

    private static String utf8(byte[] bytes, int length) {
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }
}
