/**
 * The audit trail: every state change in Warden appended as a hash-chained entry, in the same
 * transaction as the change. Nothing in the API edits or deletes entries; verification finds the
 * first broken link.
 */
@NullMarked
package dev.warden.server.audit;

import org.jspecify.annotations.NullMarked;
