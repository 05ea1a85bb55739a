package dev.warden.server.tickets;

import dev.warden.core.catalog.Hosting;
import dev.warden.core.policy.ExtensionReason;
import dev.warden.core.tickets.TicketType;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** The bodies of the ticket API's actions. */
public final class TicketRequests {
    private TicketRequests() {}

    /** A new vulnerability: where it is, how severe (a CVSS v3 vector, or a score), and what it is. */
    public record Report(
            @Nullable TicketType type,
            @Nullable String app,
            @Nullable Hosting hosting,
            @Nullable String title,
            @Nullable String cvss,
            @Nullable Double score,
            @Nullable String note) {}

    /** A note to go with an action (optional or required, depending on the action). */
    public record Note(@Nullable String note) {}

    /** A reassessed severity and why. */
    public record Severity(
            @Nullable String cvss,
            @Nullable Double score,
            @Nullable String note) {}

    /** The partner asks for more time. */
    public record Extension(
            @Nullable ExtensionReason reason,
            @Nullable String plan,
            @Nullable Instant proposedDueAt,
            @Nullable String note) {}

    /** The operator's answer to an extension request; a due date other than the proposed one may be set. */
    public record Decision(
            @Nullable Instant dueAt, @Nullable String note) {}

    /** The ticket duplicates another. */
    public record Duplicate(@Nullable String of, @Nullable String note) {}
}
