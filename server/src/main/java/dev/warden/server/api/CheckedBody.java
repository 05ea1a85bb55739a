package dev.warden.server.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code @RequestBody} to be checked against a definition of the snapshot schema before it
 * is bound, so the API reports the same field errors, in the same words, as a snapshot import.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
public @interface CheckedBody {
    /** The schema definition, such as {@code partner} or {@code app}; empty for a whole snapshot. */
    String value();

    /** The largest body accepted, in bytes. */
    long maxBytes() default 1024 * 1024;
}
