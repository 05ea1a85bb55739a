/**
 * The {@code warden.snapshot/v1} interchange format: a whole marketplace's facts as one JSON document
 * that people can read, that the server exports and imports, and that {@code warden evaluate} reads.
 * Its JSON Schema lives in {@code docs/schema}; its prose in {@code docs/snapshot-format.md}.
 */
@NullMarked
package dev.warden.core.snapshot;

import org.jspecify.annotations.NullMarked;
