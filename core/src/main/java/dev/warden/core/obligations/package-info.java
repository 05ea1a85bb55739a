/**
 * The partner's obligations beyond vulnerability tickets (docs/policy sections 4 to 7): incidents and
 * their follow-up duties, bug bounty programs and which apps must have one, partner verification and
 * changes to the verified entity, and the use of user API tokens. Values only; the rules that read
 * them live in {@code dev.warden.core.compliance}.
 */
@NullMarked
package dev.warden.core.obligations;

import org.jspecify.annotations.NullMarked;
