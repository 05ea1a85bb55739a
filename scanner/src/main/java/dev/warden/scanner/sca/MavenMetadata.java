package dev.warden.scanner.sca;

import dev.warden.scanner.ArtifactPath;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.jspecify.annotations.Nullable;

/**
 * Maven components from what a JAR carries about itself: {@code pom.properties} and {@code pom.xml}
 * under {@code META-INF/maven/}, the manifest, and as a last resort the JAR's file name. Every file is
 * hostile: a value that is not a plausible coordinate is ignored, never guessed at.
 */
final class MavenMetadata {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.-]{1,200}");
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9_.+-]{1,100}");
    private static final Pattern JAR_NAME = Pattern.compile("([A-Za-z][A-Za-z0-9_.-]*?)-(\\d[A-Za-z0-9_.+-]*)\\.jar");
    private static final String META_MAVEN = "META-INF/maven/";

    private MavenMetadata() {}

    /** Whether an entry is Maven's metadata ({@code META-INF/maven/g/a/pom.properties} or {@code pom.xml}). */
    static boolean isPomEntry(String last) {
        return last.contains(META_MAVEN) && (last.endsWith("/pom.properties") || last.endsWith("/pom.xml"));
    }

    /** Whether an entry is a JAR manifest. */
    static boolean isManifest(String last) {
        return last.equals("META-INF/MANIFEST.MF") || last.endsWith("/META-INF/MANIFEST.MF");
    }

    static Optional<Component> pomProperties(ArtifactPath path, String text) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(text));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
        return coordinates(
                p.getProperty("groupId"),
                p.getProperty("artifactId"),
                p.getProperty("version"),
                holder(path, META_MAVEN),
                Component.Source.POM_PROPERTIES);
    }

    static Optional<Component> pomXml(ArtifactPath path, String text) {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        String group = null;
        String artifact = null;
        String version = null;
        String parentGroup = null;
        String parentVersion = null;
        try {
            XMLStreamReader xml = factory.createXMLStreamReader(new StringReader(text));
            List<String> stack = new ArrayList<>();
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamReader.START_ELEMENT) {
                    stack.add(xml.getLocalName());
                    String where = String.join("/", stack);
                    switch (where) {
                        case "project/groupId" -> group = xml.getElementText().strip();
                        case "project/artifactId" ->
                            artifact = xml.getElementText().strip();
                        case "project/version" -> version = xml.getElementText().strip();
                        case "project/parent/groupId" ->
                            parentGroup = xml.getElementText().strip();
                        case "project/parent/version" ->
                            parentVersion = xml.getElementText().strip();
                        default -> {
                            continue;
                        }
                    }
                    stack.remove(stack.size() - 1); // getElementText consumed the end tag
                } else if (event == XMLStreamReader.END_ELEMENT && !stack.isEmpty()) {
                    stack.remove(stack.size() - 1);
                }
            }
        } catch (XMLStreamException | RuntimeException e) {
            return Optional.empty();
        }
        return coordinates(
                group != null ? group : parentGroup,
                artifact,
                version != null ? version : parentVersion,
                holder(path, META_MAVEN),
                Component.Source.POM_XML);
    }

    /**
     * The manifest's identity: {@code Implementation-Vendor-Id} and {@code Implementation-Title} when they
     * look like Maven coordinates (what Maven's archiver writes), else the OSGi symbolic name split at its
     * last dot ({@code org.apache.commons.commons-text}).
     */
    static Optional<Component> manifest(ArtifactPath path, String text) {
        Attributes main;
        try {
            main = new Manifest(new java.io.ByteArrayInputStream(
                            text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)))
                    .getMainAttributes();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        ArtifactPath holder = holder(path, "META-INF/");
        String vendor = main.getValue("Implementation-Vendor-Id");
        String title = main.getValue("Implementation-Title");
        String version = main.getValue("Implementation-Version");
        if (vendor != null && title != null && version != null) {
            Optional<Component> c = coordinates(vendor, title, version, holder, Component.Source.MANIFEST);
            if (c.isPresent()) {
                return c;
            }
        }
        String symbolic = main.getValue("Bundle-SymbolicName");
        String bundleVersion = main.getValue("Bundle-Version");
        if (symbolic == null || bundleVersion == null) {
            return Optional.empty();
        }
        String name = symbolic.split(";", 2)[0].strip();
        int dot = name.lastIndexOf('.');
        if (dot <= 0 || dot == name.length() - 1) {
            return Optional.empty();
        }
        return coordinates(
                name.substring(0, dot), name.substring(dot + 1), bundleVersion, holder, Component.Source.MANIFEST);
    }

    /** {@code lib/commons-io-2.6.jar} → {@code commons-io} 2.6, group unknown. */
    static Optional<Component> fileName(ArtifactPath jar) {
        String last = jar.segments().get(jar.segments().size() - 1);
        Matcher m = JAR_NAME.matcher(last.substring(last.lastIndexOf('/') + 1));
        if (!m.matches() || m.group(1).length() > 200 || m.group(2).length() > 100) {
            return Optional.empty();
        }
        return Optional.of(new Component(Ecosystem.MAVEN, m.group(1), m.group(2), jar, Component.Source.FILE_NAME));
    }

    private static Optional<Component> coordinates(
            @Nullable String group,
            @Nullable String artifact,
            @Nullable String version,
            ArtifactPath location,
            Component.Source source) {
        if (group == null || artifact == null || version == null) {
            return Optional.empty();
        }
        String g = group.strip();
        String a = artifact.strip();
        String v = version.strip();
        if (!ID.matcher(g).matches()
                || !ID.matcher(a).matches()
                || !VERSION.matcher(v).matches()) {
            return Optional.empty(); // ${project.version}, a name with spaces: not a coordinate
        }
        return Optional.of(new Component(Ecosystem.MAVEN, g + ":" + a, v, location, source));
    }

    /**
     * What holds a metadata file: the archive it is in, or the folder above {@code marker} when the
     * archive was unpacked ({@code app/WEB-INF/lib/x/META-INF/...} → {@code app/WEB-INF/lib/x}).
     */
    static ArtifactPath holder(ArtifactPath path, String marker) {
        List<String> segments = path.segments();
        String last = segments.get(segments.size() - 1);
        int at = last.startsWith(marker) ? 0 : last.indexOf("/" + marker) + 1;
        String folder = at <= 0 ? "" : last.substring(0, at - 1);
        List<String> outer = segments.subList(0, segments.size() - 1);
        if (folder.isEmpty()) {
            return outer.isEmpty() ? ArtifactPath.of(".") : new ArtifactPath(outer);
        }
        List<String> held = new ArrayList<>(outer);
        held.add(folder);
        return new ArtifactPath(held);
    }
}
