/**
 * The new-app security review (docs/reviews.md): a partner submits a new app, a new major version or a
 * listing on a new hosting with its artifact and its answers to the policy's security questionnaire;
 * the artifact is scanned; analysts work the queue (assign, approve with conditions, reject, request
 * changes); a failing signal is approved only over a second person's recorded override; an approval
 * puts the app, listing or version on the marketplace.
 */
@NullMarked
package dev.warden.server.reviews;

import org.jspecify.annotations.NullMarked;
