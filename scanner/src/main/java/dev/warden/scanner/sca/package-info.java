/**
 * Software composition analysis: which libraries an artifact bundles (Maven and npm components, with
 * where each was found and how), a CycloneDX bill of materials of them, and which known vulnerabilities
 * apply to them, matched offline against OSV advisories.
 */
@NullMarked
package dev.warden.scanner.sca;

import org.jspecify.annotations.NullMarked;
