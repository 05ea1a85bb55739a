package dev.warden.server.bugcrowd;

import dev.warden.core.catalog.PartnerId;
import dev.warden.server.obligations.MeasuredPrograms;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * A program's health measured from its Bugcrowd submissions (docs/bugcrowd.md#program-health): over the
 * last 365 days, the median days from submission to Bugcrowd's first decision on it (a submission still
 * waiting counts with its age so far), the median days to the first reward, the rewards paid; and the
 * day of the latest activity of any kind. The rules use the median and the last activity in place of
 * the partner's figures.
 */
@Service
public class BugcrowdFigures implements MeasuredPrograms {
    static final Duration WINDOW = Duration.ofDays(365);
    private static final Duration LINKS_KEPT = Duration.ofSeconds(10);

    /** The figures of one or more Bugcrowd programs. */
    @Schema(name = "BugcrowdProgramHealth")
    public record Health(
            long submissions,
            long awaitingDecision,
            @Nullable Double medianTriageDays,
            @Nullable Double medianDaysToReward,
            long rewardsPaidCents,
            @Nullable LocalDate lastActivityOn) {}

    private final BugcrowdRows rows;
    private final Clock clock;
    private volatile @Nullable Instant linksCheckedAt;
    private volatile boolean anyLinks;

    BugcrowdFigures(BugcrowdRows rows, Clock clock) {
        this.rows = rows;
        this.clock = clock;
    }

    /** The programs linked changed: look again before the next use. */
    void linksChanged() {
        linksCheckedAt = null;
    }

    @Override
    public Map<String, Figures> of(@Nullable PartnerId partner) {
        if (!anyLinks()) {
            return Map.of();
        }
        Map<String, List<String>> codesByProgram = new HashMap<>();
        for (BugcrowdRows.Program p : rows.programs(partner == null ? null : partner.value())) {
            codesByProgram
                    .computeIfAbsent(p.programId(), k -> new ArrayList<>())
                    .add(p.code());
        }
        Map<String, Figures> out = new HashMap<>();
        codesByProgram.forEach((program, codes) -> {
            Health h = health(codes);
            if (h.lastActivityOn() != null) {
                out.put(
                        program,
                        new Figures(
                                h.medianTriageDays(),
                                h.lastActivityOn(),
                                "computed from " + h.submissions() + " Bugcrowd submission"
                                        + (h.submissions() == 1 ? "" : "s") + " of the last 365 days"));
            }
        });
        return out;
    }

    /** The figures of these Bugcrowd programs together, as of now. */
    Health health(List<String> codes) {
        Instant now = clock.instant();
        List<Double> triage = new ArrayList<>();
        List<Double> reward = new ArrayList<>();
        long cents = 0;
        long waiting = 0;
        List<BugcrowdRows.Submission> recent = rows.submissions(codes, now.minus(WINDOW));
        for (BugcrowdRows.Submission s : recent) {
            Instant submitted = s.submittedAt().toInstant();
            if (s.decidedAt() != null) {
                triage.add(days(submitted, s.decidedAt().toInstant()));
            } else if (s.state().equals("new") && !s.duplicate()) {
                triage.add(days(submitted, now));
                waiting++;
            }
            if (s.firstRewardAt() != null) {
                reward.add(days(submitted, s.firstRewardAt().toInstant()));
            }
            cents += s.rewardsCents();
        }
        LocalDate last = rows.lastActivity(codes)
                .map(OffsetDateTime::toInstant)
                .map(i -> LocalDate.ofInstant(i, ZoneOffset.UTC))
                .orElse(null);
        return new Health(recent.size(), waiting, median(triage), median(reward), cents, last);
    }

    private boolean anyLinks() {
        Instant checked = linksCheckedAt;
        Instant now = clock.instant();
        if (checked == null || Duration.between(checked, now).compareTo(LINKS_KEPT) > 0 || now.isBefore(checked)) {
            anyLinks = !rows.programs().isEmpty();
            linksCheckedAt = now;
        }
        return anyLinks;
    }

    private static double days(Instant from, Instant to) {
        return Math.max(0, Duration.between(from, to).toMinutes()) / 1440.0;
    }

    /** The median, to one decimal; null for no values. */
    static @Nullable Double median(List<Double> values) {
        if (values.isEmpty()) {
            return null;
        }
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        double m = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        return Math.round(m * 10) / 10.0;
    }
}
