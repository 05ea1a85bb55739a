/**
 * The operator's own scanning (docs/scanning-server.md): app versions and their artifacts (uploaded or
 * pulled from the marketplace's artifact source, stored once by content hash), scans queued on the
 * persistent scheduler and claimed by one node at a time, what each scan found, and the findings
 * followed across versions: each opens a SCANNER ticket, is verified fixed when a later version no
 * longer has it, reopens if it comes back, and can be marked a false positive.
 */
@NullMarked
package dev.warden.server.scanning;

import org.jspecify.annotations.NullMarked;
