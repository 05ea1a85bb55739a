/** Test support: a database per test application, and a plain HTTP client. */
@NullMarked
package dev.warden.server.testing;

import org.jspecify.annotations.NullMarked;
