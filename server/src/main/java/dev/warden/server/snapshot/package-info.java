/**
 * Moving a whole marketplace in and out as {@code warden.snapshot/v1} documents: export, and an
 * idempotent import that is all or nothing (API, {@code ./warden import}, and the demo data).
 */
@NullMarked
package dev.warden.server.snapshot;

import org.jspecify.annotations.NullMarked;
