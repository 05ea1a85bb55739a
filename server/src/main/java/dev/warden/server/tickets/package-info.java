/**
 * Vulnerability tickets: reported against an app's listing, worked through the tracker's statuses by
 * the operator and the partner, with SLA clocks from the policy version in force at report, and a
 * database-backed job that records each breach exactly once.
 */
@NullMarked
package dev.warden.server.tickets;

import org.jspecify.annotations.NullMarked;
