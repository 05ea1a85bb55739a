package dev.warden.server.enforcement;

import dev.warden.core.catalog.PartnerId;
import dev.warden.server.shared.Actor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Partners whose compliance evaluation fails: each failure is recorded (in a transaction of its own,
 * since the partner's own work was rolled back) with the incident id the error is logged under, and
 * the partner is tried again after 1 minute, then 2, 4, ... at most {@link #MAX_PAUSE}, until an
 * evaluation succeeds and the record goes.
 */
@Service
@Transactional(propagation = Propagation.REQUIRES_NEW)
public class EvaluationFailures {
    static final Duration FIRST_PAUSE = Duration.ofMinutes(1);
    static final Duration MAX_PAUSE = Duration.ofMinutes(30);

    /** A partner whose evaluation is failing, for the console and the API. */
    public record Failure(
            String partner,
            Instant firstFailedAt,
            Instant lastFailedAt,
            int attempts,
            String incident,
            String error,
            Instant nextAttemptAt) {}

    private final EvaluationFailureRows rows;
    private final Clock clock;

    EvaluationFailures(EvaluationFailureRows rows, Clock clock) {
        this.rows = rows;
        this.clock = clock;
    }

    /** The failing partners the actor may see (a partner's people and clients: their own only). */
    @Transactional(readOnly = true, propagation = Propagation.REQUIRED)
    public List<Failure> list(Actor actor) {
        PartnerId own = actor.partner();
        return rows.all(own == null ? null : own.value()).stream()
                .map(r -> new Failure(
                        r.partnerId(),
                        r.firstFailedAt().toInstant(),
                        r.lastFailedAt().toInstant(),
                        r.attempts(),
                        r.incident(),
                        r.error(),
                        r.nextAttemptAt().toInstant()))
                .toList();
    }

    /** The partners that failed before, for clearing the ones that now succeed. */
    @Transactional(readOnly = true, propagation = Propagation.REQUIRED)
    Set<String> failing() {
        return Set.copyOf(rows.all(null).stream()
                .map(EvaluationFailureRows.Row::partnerId)
                .toList());
    }

    /** The partners due to be tried again now. */
    @Transactional(readOnly = true, propagation = Propagation.REQUIRED)
    List<String> due() {
        return rows.due(clock.instant());
    }

    void failed(String partner, String incident, Throwable error) {
        Instant now = clock.instant();
        String what = error.getClass().getSimpleName();
        int attempts = rows.failed(partner, now, incident, what.length() > 200 ? what.substring(0, 200) : what);
        rows.nextAttempt(partner, now.plus(pause(attempts)));
    }

    void succeeded(String partner) {
        rows.cleared(partner);
    }

    /** The pause after the {@code attempts}th failure in a row. */
    static Duration pause(int attempts) {
        Duration pause = FIRST_PAUSE.multipliedBy(1L << Math.min(Math.max(attempts - 1, 0), 20));
        return pause.compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause;
    }
}
