/** Fast reading and writing of the UTC instants that fill snapshots and reports. */
@NullMarked
package dev.warden.core.time;

import org.jspecify.annotations.NullMarked;
