/** Warden's domain: pure Java, no framework, no database, no network; time comes in as an argument. */
@NullMarked
package dev.warden.core;

import org.jspecify.annotations.NullMarked;
