package dev.warden.server.web;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Dates and durations as pages show them; available to templates as {@code fmt}. */
public final class Formats {
    private static final DateTimeFormatter DAY_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMM yyyy", Locale.ENGLISH);

    private final Instant now;

    Formats(Instant now) {
        this.now = now;
    }

    /** The instant the page is made at. */
    public Instant now() {
        return now;
    }

    /** {@code 2026-11-28 09:30 UTC}, or a dash. */
    public String at(@Nullable Instant instant) {
        return instant == null ? "—" : DAY_TIME.format(instant);
    }

    /** "in 3 days", "5 hours ago" relative to now. */
    public String relative(@Nullable Instant instant) {
        if (instant == null) {
            return "";
        }
        Duration d = Duration.between(now, instant);
        boolean past = d.isNegative();
        d = d.abs();
        if (d.toMinutes() < 1) {
            return "just now";
        }
        String amount = d.toDays() >= 1
                ? plural(d.toDays(), "day")
                : d.toHours() >= 1 ? plural(d.toHours(), "hour") : plural(d.toMinutes(), "minute");
        return past ? amount + " ago" : "in " + amount;
    }

    /** {@code Nov 2026}. */
    public String month(YearMonth month) {
        return MONTH.format(month);
    }

    /** "3 days left" or "12 days overdue". */
    public String timeLeft(long seconds) {
        long abs = Math.abs(seconds);
        String amount = abs >= 86_400 ? plural(abs / 86_400, "day") : plural(Math.max(1, abs / 3600), "hour");
        return seconds >= 0 ? amount + " left" : amount + " overdue";
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }

    /** The page of an enforcement subject: its partner, app (a listing's app) or bug bounty program. */
    public String subjectPath(String type, String id, String partner) {
        return switch (type) {
            case "app" -> "/apps/" + id;
            case "listing" -> "/apps/" + id.substring(0, Math.max(0, id.lastIndexOf('/')));
            case "program" -> "/programs/" + id;
            default -> "/partners/" + partner;
        };
    }
}
