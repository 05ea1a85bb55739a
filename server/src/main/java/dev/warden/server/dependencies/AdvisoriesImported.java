package dev.warden.server.dependencies;

import java.util.Set;

/**
 * Published after an import that changed advisories commits: the packages they affect
 * ({@code MAVEN:group:artifact}, {@code NPM:name}, lower case), so that the latest scanned versions
 * bundling one of them are matched again.
 */
public record AdvisoriesImported(Set<String> packages) {
    public AdvisoriesImported {
        packages = Set.copyOf(packages);
    }
}
