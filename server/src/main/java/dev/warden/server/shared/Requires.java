package dev.warden.server.shared;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The permission an endpoint needs. Every handler method of Warden has this or {@link PublicEndpoint}
 * (on the method or its class); a test fails the build otherwise, and at run time a handler without
 * either is refused.
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
public @interface Requires {
    Permission value();
}
