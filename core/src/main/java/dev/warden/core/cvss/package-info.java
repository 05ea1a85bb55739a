/** CVSS v3.0 and v3.1 vectors: strict parsing with precise errors, the base score, the severity band. */
@NullMarked
package dev.warden.core.cvss;

import org.jspecify.annotations.NullMarked;
