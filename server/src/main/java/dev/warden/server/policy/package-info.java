/**
 * Policy versions in the server: the built-in versions, operators' drafts (tried out before they
 * count), and publication with an effective date, after which a version never changes.
 */
@NullMarked
package dev.warden.server.policy;

import org.jspecify.annotations.NullMarked;
