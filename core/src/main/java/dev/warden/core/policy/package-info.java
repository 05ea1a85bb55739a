/**
 * Policy versions as data: each version's numbers (remediation timeframes, triage window, deadlines,
 * the enforcement ladder), which of them are operator-set defaults, and which version is in force at
 * an instant. Built-in versions ship as YAML; operators add their own.
 */
@NullMarked
package dev.warden.core.policy;

import org.jspecify.annotations.NullMarked;
