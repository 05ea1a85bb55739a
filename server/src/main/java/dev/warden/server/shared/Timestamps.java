package dev.warden.server.shared;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jspecify.annotations.Nullable;

/**
 * Instants to and from the database's {@code timestamp with time zone} columns, always in UTC, so H2
 * and PostgreSQL store and return the same value whatever the server's zone.
 */
public final class Timestamps {
    private Timestamps() {}

    /** An instant as a UTC timestamp parameter. */
    public static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /** A nullable instant as a UTC timestamp parameter. */
    public static @Nullable OffsetDateTime utcOrNull(@Nullable Instant instant) {
        return instant == null ? null : utc(instant);
    }

    /** A nullable column's instant. */
    public static @Nullable Instant instant(@Nullable OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }
}
