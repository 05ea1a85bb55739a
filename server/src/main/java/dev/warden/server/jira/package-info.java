/**
 * Jira Cloud two-way sync (docs/jira.md): one connection per Warden (a service account's API token,
 * sealed), each ticket pushed to one issue of the operator's project through the outbox (fields,
 * status by transition, notes as comments), and Jira's changes taken back by signed webhooks and a
 * periodic JQL poll, with Warden's severity and due date defended against edits in Jira.
 */
@NullMarked
package dev.warden.server.jira;

import org.jspecify.annotations.NullMarked;
