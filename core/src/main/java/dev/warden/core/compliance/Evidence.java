package dev.warden.core.compliance;

import dev.warden.core.time.Instants;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Wording shared by the rules' evidence, so every rule says dates and durations the same way. */
final class Evidence {
    private Evidence() {}

    /** The UTC date, {@code 2026-04-15}. */
    static String date(Instant instant) {
        long seconds = instant.getEpochSecond();
        // Instants' fast form covers years 0000 to 9999; elsewhere java.time says it.
        return seconds >= 0 && seconds < 253_402_300_800L
                ? Instants.format(Instant.ofEpochSecond(seconds)).substring(0, 10)
                : LocalDate.ofInstant(instant, ZoneOffset.UTC).toString();
    }

    /** "14 days", "1 day", "5 hours" (less than a day). */
    static String elapsed(Instant from, Instant to) {
        Duration d = Duration.between(from, to);
        long days = d.toDays();
        if (days >= 1) {
            return days + (days == 1 ? " day" : " days");
        }
        long hours = Math.max(1, d.toHours());
        return hours + (hours == 1 ? " hour" : " hours");
    }

    /** The lines shown (at most {@link Breaches#SHOWN}) joined, and how many of {@code total} were left out. */
    static String list(List<String> shown, int total) {
        String joined = String.join("; ", shown);
        return total > shown.size() ? joined + "; and " + (total - shown.size()) + " more" : joined;
    }

    private static final Map<Enum<?>, String> TITLES = new ConcurrentHashMap<>();

    /** {@code CRITICAL} as "Critical", {@code DATA_CENTER} as "Data center". */
    static String title(Enum<?> value) {
        return TITLES.computeIfAbsent(value, v -> {
            String name = v.name().toLowerCase(Locale.ROOT).replace('_', ' ');
            return Character.toUpperCase(name.charAt(0)) + name.substring(1);
        });
    }
}
