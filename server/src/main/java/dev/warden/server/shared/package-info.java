/**
 * Types every feature shares: pages of results, paging requests, versioned values, and the expected
 * failures (not found, conflict, stale version) that the API turns into problem responses.
 */
@NullMarked
package dev.warden.server.shared;

import org.jspecify.annotations.NullMarked;
