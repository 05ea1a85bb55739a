package dev.warden.server.identity;

import static dev.warden.server.identity.SignInSourceRows.EVERY_SOURCE;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Progressive delays for failed sign-ins, instead of lock-outs. Failures are counted per account (or
 * client) and source address: after {@code max-failures} from one address, that address must wait
 * {@code first-delay}, doubling with each further failure up to {@code max-delay}; other addresses are
 * not affected, so guessing from one place cannot keep the owner out. Against guessing from many
 * places, after {@code account-failures} failures from all addresses since the last successful sign-in,
 * addresses that never signed in to the account wait as well. Attempts made while an address waits are
 * refused before any password is checked, and neither count nor lengthen the wait. Unknown usernames
 * and client ids are counted the same way, so the answers tell nothing about which exist.
 *
 * <p>Counts are kept in the database, in transactions of their own: every node sees them, and a
 * failed sign-in is counted even though the request fails.
 */
@Service
@Transactional(propagation = Propagation.REQUIRES_NEW)
public class SignInGuard {
    /** Addresses that never signed in and have not failed for this long are forgotten. */
    private static final Duration FORGET_AFTER = Duration.ofDays(1);

    /** Who is signing in: a person (by username) or an API client (by client id). */
    public enum Kind {
        USER,
        CLIENT
    }

    /** A wait that started with a failure: until when, after how many failures, for which addresses. */
    public record Delay(Instant until, int failures, boolean everyUnknownAddress) {}

    /**
     * Failed attempts since the last successful sign-in, for telling the owner (kept in the session until
     * shown, so serializable: sessions are stored in the database).
     */
    public record SinceLastSignIn(
            int failures,
            @Nullable String lastFrom,
            @Nullable Instant lastAt) implements java.io.Serializable {}

    private final SignInSourceRows rows;
    private final SecuritySettings settings;
    private final Clock clock;

    SignInGuard(SignInSourceRows rows, SecuritySettings settings, Clock clock) {
        this.rows = rows;
        this.settings = settings;
        this.clock = clock;
    }

    /** How long {@code source} must still wait before trying {@code subject} again, if at all. */
    @Transactional(readOnly = true, propagation = Propagation.REQUIRES_NEW)
    public Optional<Duration> waitFor(Kind kind, String subject, String source) {
        Instant now = clock.instant();
        String k = kind.name();
        String s = normal(subject);
        Optional<SignInSourceRows.Row> pair = rows.find(k, s, source);
        Instant until = later(null, pair.map(SignInSourceRows.Row::delayedUntil).orElse(null));
        boolean known = pair.map(r -> r.lastSuccessAt() != null).orElse(false);
        if (!known) {
            until = later(
                    until,
                    rows.find(k, s, EVERY_SOURCE)
                            .map(SignInSourceRows.Row::delayedUntil)
                            .orElse(null));
        }
        if (until == null || !until.isAfter(now)) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, until));
    }

    /**
     * Counts a failure of {@code subject} from {@code source}. Returns the wait it starts, if any:
     * the address's own, or every unknown address's when the account's count passes its threshold.
     */
    public Optional<Delay> failed(Kind kind, String subject, String source) {
        Instant now = clock.instant();
        String k = kind.name();
        String s = normal(subject);
        rows.forgetStale(k, s, now.minus(FORGET_AFTER));
        int fromHere = rows.fail(k, s, source, source, now);
        int everywhere = rows.fail(k, s, EVERY_SOURCE, source, now);
        Delay delay = null;
        Duration account = delayAfter(everywhere, settings.accountFailures());
        if (account != null) {
            rows.delay(k, s, EVERY_SOURCE, now.plus(account));
            delay = new Delay(now.plus(account), everywhere, true);
        }
        Duration own = delayAfter(fromHere, settings.maxFailures());
        if (own != null) {
            rows.delay(k, s, source, now.plus(own));
            if (delay == null || now.plus(own).isAfter(delay.until())) {
                delay = new Delay(now.plus(own), fromHere, false);
            }
        }
        return Optional.ofNullable(delay);
    }

    /**
     * Records a successful sign-in from {@code source}, which becomes a known address of the account,
     * and clears its counts. Returns what failed since the previous successful sign-in.
     */
    public SinceLastSignIn succeeded(Kind kind, String subject, String source) {
        Instant now = clock.instant();
        String k = kind.name();
        String s = normal(subject);
        SinceLastSignIn since = rows.find(k, s, EVERY_SOURCE)
                .map(r -> new SinceLastSignIn(r.failures(), r.lastFailureFrom(), instant(r.lastFailureAt())))
                .orElse(new SinceLastSignIn(0, null, null));
        rows.clear(k, s, source, now);
        rows.clear(k, s, EVERY_SOURCE, null);
        return since;
    }

    /** The wait after the {@code failures}th failure, when more than {@code free} were allowed. */
    @Nullable
    Duration delayAfter(int failures, int free) {
        if (failures <= free) {
            return null;
        }
        int doublings = Math.min(failures - free - 1, 30);
        Duration delay = settings.firstDelay().multipliedBy(1L << doublings);
        return delay.compareTo(settings.maxDelay()) > 0 ? settings.maxDelay() : delay;
    }

    private static String normal(String subject) {
        String s = subject.strip().toLowerCase(Locale.ROOT);
        return s.length() > 254 ? s.substring(0, 254) : s;
    }

    private static @Nullable Instant later(@Nullable Instant a, @Nullable OffsetDateTime b) {
        Instant other = instant(b);
        if (a == null) {
            return other;
        }
        return other == null || a.isAfter(other) ? a : other;
    }

    private static @Nullable Instant instant(@Nullable OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}
