/**
 * Telling people (docs/notifications.md): a transactional outbox (messages written in the transaction
 * of the change that causes them, delivered by a job with retries, backoff and a dead letter), email
 * over SMTP, and the notices themselves: a ticket assigned, its due date coming (the policy's reminder
 * days), overdue, and enforcement actions applied and lifted.
 */
@NullMarked
package dev.warden.server.notifications;

import org.jspecify.annotations.NullMarked;
