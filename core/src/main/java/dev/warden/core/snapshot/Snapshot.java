package dev.warden.core.snapshot;

import static java.util.Objects.requireNonNullElse;

import dev.warden.core.catalog.App;
import dev.warden.core.catalog.Partner;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A marketplace's facts at one moment, in the order they are written: partners by id, apps by key. */
public record Snapshot(String format, @Nullable Instant exportedAt, List<Partner> partners, List<App> apps) {
    public static final String FORMAT = "warden.snapshot/v1";

    public Snapshot(
            @Nullable String format,
            @Nullable Instant exportedAt,
            @Nullable List<Partner> partners,
            @Nullable List<App> apps) {
        if (format != null && !FORMAT.equals(format)) {
            throw new IllegalArgumentException("not a " + FORMAT + " document: " + format);
        }
        this.format = FORMAT;
        this.exportedAt = exportedAt;
        this.partners = List.copyOf(requireNonNullElse(partners, List.of()));
        this.apps = List.copyOf(requireNonNullElse(apps, List.of()));
    }

    /** A snapshot of these facts, sorted into the canonical order. */
    public static Snapshot of(@Nullable Instant exportedAt, List<Partner> partners, List<App> apps) {
        return new Snapshot(
                FORMAT,
                exportedAt,
                partners.stream().sorted(Comparator.comparing(Partner::id)).toList(),
                apps.stream().sorted(Comparator.comparing(App::key)).toList());
    }
}
