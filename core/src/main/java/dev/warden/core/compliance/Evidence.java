package dev.warden.core.compliance;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;

/** Wording shared by the rules' evidence, so every rule says dates and durations the same way. */
final class Evidence {
    private Evidence() {}

    static String date(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC).toString();
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

    static String title(Enum<?> value) {
        String name = value.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
