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

    /** A file's size for a person: 812 bytes, 14.2 KiB, 3.5 MiB. */
    public String size(long bytes) {
        if (bytes < 1024) {
            return plural(bytes, "byte");
        }
        double kib = bytes / 1024.0;
        String size = kib < 1024
                ? String.format(java.util.Locale.ROOT, "%.1f KiB", kib)
                : String.format(java.util.Locale.ROOT, "%.1f MiB", kib / 1024);
        return size.replace(".0 ", " ");
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

    /** A piece of a case's evidence: text, or a ticket key that links to the ticket. */
    public record EvidencePart(String text, boolean ticket) {}

    private static final java.util.regex.Pattern TICKET_KEY =
            java.util.regex.Pattern.compile("\\b[A-Z][A-Z0-9]{1,9}-[0-9]{1,10}\\b");

    /**
     * The evidence with the ticket keys it names as links, for the rules about tickets (their evidence
     * names tickets; another rule's may name a CWE or an incident, which are not tickets).
     */
    public java.util.List<EvidencePart> evidence(String rule, String text) {
        if (!rule.startsWith("VULN-") && !rule.startsWith("TICKET-")) {
            return java.util.List.of(new EvidencePart(text, false));
        }
        java.util.List<EvidencePart> parts = new java.util.ArrayList<>();
        java.util.regex.Matcher m = TICKET_KEY.matcher(text);
        int at = 0;
        while (m.find()) {
            if (m.start() > at) {
                parts.add(new EvidencePart(text.substring(at, m.start()), false));
            }
            parts.add(new EvidencePart(m.group(), true));
            at = m.end();
        }
        if (at < text.length()) {
            parts.add(new EvidencePart(text.substring(at), false));
        }
        return parts;
    }
}
