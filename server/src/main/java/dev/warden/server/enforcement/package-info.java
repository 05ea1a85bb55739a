/**
 * Enforcement: the compliance rules run over the server's data (incrementally when facts change, in
 * full on a schedule), a case per violation and subject, the ladder's proposals, people's decisions
 * (two different approvers for the severe steps), the effects on the catalog and their undoing, and
 * partners' appeals. {@link dev.warden.server.enforcement.Enforcement} is the module's API.
 */
@NullMarked
package dev.warden.server.enforcement;

import org.jspecify.annotations.NullMarked;
