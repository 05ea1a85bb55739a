/** The demo marketplace that {@code ./warden start --demo} loads, so a first look shows something real. */
@NullMarked
package dev.warden.server.demo;

import org.jspecify.annotations.NullMarked;
