/**
 * Evaluations over the server's own data: the same report {@code warden evaluate} writes, as of any
 * instant and under a draft policy, and what a draft would change.
 */
@NullMarked
package dev.warden.server.evaluation;

import org.jspecify.annotations.NullMarked;
