package dev.warden.server.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/** A test against the whole running server over real HTTP, on H2 or PostgreSQL (see {@link TestDatabase}). */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(DatabaseRequirement.class)
// Many tests sign in from 127.0.0.1 within a minute; the throttle itself is tested on its own.
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "warden.security.attempts-per-minute=10000")
@ContextConfiguration(initializers = TestDatabase.class)
public @interface IntegrationTest {}
