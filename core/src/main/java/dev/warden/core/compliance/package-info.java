/**
 * Compliance rules: pure functions from facts, a policy version and an instant to violations with
 * evidence a person can read. One rule, one class, with its stable id from docs/policy section 9.
 */
@NullMarked
package dev.warden.core.compliance;

import org.jspecify.annotations.NullMarked;
