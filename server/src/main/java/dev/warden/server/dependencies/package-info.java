/**
 * Known vulnerabilities of bundled libraries (docs/dependencies.md): security advisories in OSV format
 * imported into the database (uploaded, or read from a configured folder daily), incrementally by their
 * modified dates, and matched against the components each scan lists. Scans turn matches at or above the
 * policy's threshold into vulnerable-dependency findings and SCANNER tickets; an import that changes
 * advisories tells the scanning module, which matches the latest versions again.
 */
@NullMarked
package dev.warden.server.dependencies;

import org.jspecify.annotations.NullMarked;
