package dev.warden.scanner.sca;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;
import dev.warden.scanner.ArtifactPath;
import org.jspecify.annotations.Nullable;

/**
 * A library an artifact bundles, and where and how it was found.
 *
 * @param ecosystem Maven or npm
 * @param name as the ecosystem (and OSV) names it: {@code group:artifact} for Maven, or the artifact id
 *     alone when only a JAR's file name was seen; the package name for npm ({@code @scope/name})
 * @param version the version as found
 * @param location the archive or folder that holds it ({@code app.obr!/lib/log4j-core-2.14.1.jar}), or
 *     the lock file that lists it
 * @param source what it was read from; its confidence is the source's
 */
public record Component(Ecosystem ecosystem, String name, String version, ArtifactPath location, Source source) {
    /** Where a component's identity came from, and how far it can be trusted. */
    public enum Source {
        /** {@code META-INF/maven/<group>/<artifact>/pom.properties}, written by Maven itself. */
        POM_PROPERTIES("high"),
        /** {@code META-INF/maven/<group>/<artifact>/pom.xml}, where no pom.properties is beside it. */
        POM_XML("high"),
        /** A {@code node_modules/<name>/package.json}. */
        PACKAGE_JSON("high"),
        /** An entry of {@code package-lock.json} or {@code npm-shrinkwrap.json}. */
        PACKAGE_LOCK("high"),
        /** An entry of {@code yarn.lock}. */
        YARN_LOCK("high"),
        /** A JAR manifest's OSGi or {@code Implementation-*} headers, where no Maven metadata is in the JAR. */
        MANIFEST("medium"),
        /** The licence banner at the top of a bundled JavaScript library ({@code /*! jQuery v3.4.1}). */
        JS_BANNER("medium"),
        /** Only the JAR's file name ({@code commons-io-2.6.jar}): the group is unknown. */
        FILE_NAME("low");

        private final String confidence;

        Source(String confidence) {
            this.confidence = confidence;
        }

        /** {@code high}, {@code medium} or {@code low}. */
        public String confidence() {
            return confidence;
        }
    }

    public Component {
        if (name.isBlank() || version.isBlank()) {
            throw new IllegalArgumentException("a component has a name and a version");
        }
    }

    /** The Maven group id; null for npm, and for a component known only by its file name. */
    public @Nullable String group() {
        int colon = name.indexOf(':');
        return ecosystem == Ecosystem.MAVEN && colon > 0 ? name.substring(0, colon) : null;
    }

    /** The Maven artifact id, or the npm name without its scope. */
    public String artifact() {
        if (ecosystem == Ecosystem.MAVEN) {
            return name.substring(name.indexOf(':') + 1);
        }
        int slash = name.indexOf('/');
        return name.startsWith("@") && slash > 0 ? name.substring(slash + 1) : name;
    }

    /** The npm scope ({@code @types}); null when none. */
    public @Nullable String scope() {
        int slash = name.indexOf('/');
        return ecosystem == Ecosystem.NPM && name.startsWith("@") && slash > 0 ? name.substring(0, slash) : null;
    }

    /** The package URL: {@code pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1}, {@code pkg:npm/lodash@4.17.15}. */
    public String purl() {
        try {
            String namespace = ecosystem == Ecosystem.MAVEN ? group() : scope();
            return new PackageURL(ecosystem.purlType(), namespace, artifact(), version, null, null).canonicalize();
        } catch (MalformedPackageURLException e) {
            // Names come from hostile files: a name no package URL can hold is shown as found.
            return "pkg:" + ecosystem.purlType() + "/" + name.replace(':', '/') + "@" + version;
        }
    }

    /** The same package and version (wherever found), for grouping. */
    public String coordinates() {
        return ecosystem.osv() + ":" + name + "@" + version;
    }
}
