/**
 * Warden's scanners, pure Java: each reads artifacts, descriptors, domains or endpoints and reports
 * findings. No framework, no database; usable from the server and from the standalone CLI.
 */
@NullMarked
package dev.warden.scanner;

import org.jspecify.annotations.NullMarked;
