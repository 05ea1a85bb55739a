/**
 * Vulnerability tickets as histories of events, and the SLA clock computed from a history, the policy
 * versions and an instant: clock start, due date, status, overdue, time left and the breach instant.
 */
@NullMarked
package dev.warden.core.tickets;

import org.jspecify.annotations.NullMarked;
