/**
 * Input checking shared by every way data enters Warden: field errors with JSON Pointers, and the
 * snapshot JSON Schema that describes every catalog object.
 */
@NullMarked
package dev.warden.core.validation;

import org.jspecify.annotations.NullMarked;
