package dev.warden.core.time;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * ISO 8601 UTC instants ({@code 2026-04-15T09:30:00Z}) read and written without the general
 * java.time formatter, which dominates the cost of evaluating a million tickets. Anything outside the
 * common form (fractions of a second, years beyond 9999) goes through {@link Instant} itself, so the
 * results are always exactly those of {@link Instant#parse} and {@link Instant#toString}.
 */
public final class Instants {
    private Instants() {}

    /** Parses like {@link Instant#parse}, faster for {@code YYYY-MM-DDTHH:MM:SSZ}. */
    public static Instant parse(CharSequence text) {
        if (text.length() == 20 && text.charAt(19) == 'Z') {
            long seconds = fastSeconds(text);
            if (seconds != Long.MIN_VALUE) {
                return Instant.ofEpochSecond(seconds);
            }
        }
        return Instant.parse(text);
    }

    /** Formats like {@link Instant#toString}, faster for whole seconds in years 0000 to 9999. */
    public static String format(Instant instant) {
        char[] c = new char[40];
        int length = formatInto(instant, c);
        return new String(c, 0, length);
    }

    /**
     * Formats into {@code c} (at least 40 characters long) and returns the length written, so a writer
     * of a million rows can reuse one buffer.
     */
    public static int formatInto(Instant instant, char[] c) {
        long seconds = instant.getEpochSecond();
        if (instant.getNano() != 0 || seconds < -62_167_219_200L || seconds >= 253_402_300_800L) {
            String text = instant.toString();
            text.getChars(0, text.length(), c, 0);
            return text.length();
        }
        long days = Math.floorDiv(seconds, 86_400L);
        int secondOfDay = (int) Math.floorMod(seconds, 86_400L);
        long[] ymd = civilFromDays(days);
        put4(c, 0, (int) ymd[0]);
        c[4] = '-';
        put2(c, 5, (int) ymd[1]);
        c[7] = '-';
        put2(c, 8, (int) ymd[2]);
        c[10] = 'T';
        put2(c, 11, secondOfDay / 3600);
        c[13] = ':';
        put2(c, 14, secondOfDay / 60 % 60);
        c[16] = ':';
        put2(c, 17, secondOfDay % 60);
        c[19] = 'Z';
        return 20;
    }

    /** Parses the characters {@code c[offset, offset + length)} like {@link #parse(CharSequence)}. */
    public static Instant parse(char[] c, int offset, int length) {
        return parse(java.nio.CharBuffer.wrap(c, offset, length));
    }

    private static long fastSeconds(CharSequence t) {
        if (t.charAt(4) != '-'
                || t.charAt(7) != '-'
                || t.charAt(10) != 'T'
                || t.charAt(13) != ':'
                || t.charAt(16) != ':') {
            return Long.MIN_VALUE;
        }
        int year = digits(t, 0, 4);
        int month = digits(t, 5, 2);
        int day = digits(t, 8, 2);
        int hour = digits(t, 11, 2);
        int minute = digits(t, 14, 2);
        int second = digits(t, 17, 2);
        if (year < 0
                || month < 1
                || month > 12
                || day < 1
                || hour < 0
                || hour > 23
                || minute < 0
                || minute > 59
                || second < 0
                || second > 59) {
            return Long.MIN_VALUE;
        }
        if (day > lengthOfMonth(year, month)) {
            throw new DateTimeParseException("Text '" + t + "' could not be parsed: Invalid date", t, 8);
        }
        return daysFromCivil(year, month, day) * 86_400L + hour * 3600L + minute * 60L + second;
    }

    private static int digits(CharSequence t, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char ch = t.charAt(i);
            if (ch < '0' || ch > '9') {
                return -1;
            }
            value = value * 10 + (ch - '0');
        }
        return value;
    }

    private static int lengthOfMonth(int year, int month) {
        switch (month) {
            case 2:
                boolean leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
                return leap ? 29 : 28;
            case 4:
            case 6:
            case 9:
            case 11:
                return 30;
            default:
                return 31;
        }
    }

    // Howard Hinnant's days-from-civil: proleptic Gregorian date to days since 1970-01-01.
    static long daysFromCivil(int y, int m, int d) {
        long year = m <= 2 ? y - 1 : y;
        long era = Math.floorDiv(year, 400);
        long yoe = year - era * 400;
        long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097 + doe - 719_468;
    }

    static long[] civilFromDays(long days) {
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        long d = doy - (153 * mp + 2) / 5 + 1;
        long m = mp < 10 ? mp + 3 : mp - 9;
        long y = yoe + era * 400 + (m <= 2 ? 1 : 0);
        return new long[] {y, m, d};
    }

    private static void put2(char[] c, int at, int v) {
        c[at] = (char) ('0' + v / 10);
        c[at + 1] = (char) ('0' + v % 10);
    }

    private static void put4(char[] c, int at, int v) {
        c[at] = (char) ('0' + v / 1000);
        c[at + 1] = (char) ('0' + v / 100 % 10);
        c[at + 2] = (char) ('0' + v / 10 % 10);
        c[at + 3] = (char) ('0' + v % 10);
    }

    /** Thrown for text that is not an instant; the same type {@link Instant#parse} throws. */
    static DateTimeException invalid(CharSequence text) {
        return new DateTimeParseException("Text '" + text + "' could not be parsed", text, 0);
    }
}
