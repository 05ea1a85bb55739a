/**
 * The {@code warden} command line: a small self-contained jar that works without the server, so a
 * partner can run it in its own CI. Exit codes: 0 fine, 1 something found (scan) or invalid (validate), 2 a
 * usage error or input that cannot be used (evaluate: an invalid snapshot or policy).
 */
@NullMarked
package dev.warden.cli;

import org.jspecify.annotations.NullMarked;
