/** Benchmark data generators and harnesses (docs/benchmarks.md); not part of Warden itself. */
@NullMarked
package dev.warden.bench;

import org.jspecify.annotations.NullMarked;
