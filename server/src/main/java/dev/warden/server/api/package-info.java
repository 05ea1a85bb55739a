/**
 * The REST API's plumbing: every error as an RFC 9457 problem with a stable type, request bodies
 * checked against the snapshot schema before binding, and ETags for versioned values.
 */
@NullMarked
package dev.warden.server.api;

import org.jspecify.annotations.NullMarked;
