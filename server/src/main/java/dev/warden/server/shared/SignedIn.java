package dev.warden.server.shared;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** An endpoint any signed-in actor may call, whatever its permissions (its own account, for example). */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
public @interface SignedIn {
    /** Whether it is open to a person who must still change a temporary password (that page itself). */
    boolean evenBeforePasswordChange() default false;
}
