/**
 * Evaluating a marketplace's facts under the policy at an instant: every ticket's state now (or on
 * any past date, or under a draft policy), in one report that the CLI and the server write alike.
 */
@NullMarked
package dev.warden.core.evaluation;

import org.jspecify.annotations.NullMarked;
