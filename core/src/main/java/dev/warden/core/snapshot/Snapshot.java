package dev.warden.core.snapshot;

import static java.util.Objects.requireNonNullElse;

import dev.warden.core.catalog.App;
import dev.warden.core.catalog.Partner;
import dev.warden.core.tickets.Ticket;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A marketplace's facts at one moment, in the order they are written: partners by id, apps by key,
 * tickets by key (with their event histories).
 */
public record Snapshot(
        String format, @Nullable Instant exportedAt, List<Partner> partners, List<App> apps, List<Ticket> tickets) {
    public static final String FORMAT = "warden.snapshot/v1";

    public Snapshot(
            @Nullable String format,
            @Nullable Instant exportedAt,
            @Nullable List<Partner> partners,
            @Nullable List<App> apps,
            @Nullable List<Ticket> tickets) {
        if (format != null && !FORMAT.equals(format)) {
            throw new IllegalArgumentException("not a " + FORMAT + " document: " + format);
        }
        this.format = FORMAT;
        this.exportedAt = exportedAt;
        this.partners = List.copyOf(requireNonNullElse(partners, List.of()));
        this.apps = List.copyOf(requireNonNullElse(apps, List.of()));
        this.tickets = List.copyOf(requireNonNullElse(tickets, List.of()));
    }

    /** A snapshot of these facts, sorted into the canonical order. */
    public static Snapshot of(
            @Nullable Instant exportedAt, List<Partner> partners, List<App> apps, List<Ticket> tickets) {
        return new Snapshot(
                FORMAT,
                exportedAt,
                partners.stream().sorted(Comparator.comparing(Partner::id)).toList(),
                apps.stream().sorted(Comparator.comparing(App::key)).toList(),
                tickets.stream().sorted(Comparator.comparing(Ticket::key)).toList());
    }
}
