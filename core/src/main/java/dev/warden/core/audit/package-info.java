/** The audit trail's hash chain: how an entry's hash is computed and how a chain is checked. */
@NullMarked
package dev.warden.core.audit;

import org.jspecify.annotations.NullMarked;
