package dev.warden.server.reviews;

import dev.warden.core.catalog.Hosting;
import dev.warden.core.compliance.ReviewSignals;
import dev.warden.core.policy.PolicyParts;
import dev.warden.server.policy.Policies;
import dev.warden.server.reviews.SubmissionViews.Kind;
import dev.warden.server.reviews.SubmissionViews.State;
import dev.warden.server.scanning.LooseArtifacts;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.Timestamps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A submission as a reader sees it: the signals of its answers (under the questionnaire in force when
 * the round was submitted) and of its artifact's scan, the verdict, and its steps (the operator's people
 * shown to a partner as "operator", and an override's reason kept from the partner).
 */
@Component
class SubmissionReader {
    private final SubmissionRows rows;
    private final LooseArtifacts artifacts;
    private final Policies policies;

    SubmissionReader(SubmissionRows rows, LooseArtifacts artifacts, Policies policies) {
        this.rows = rows;
        this.artifacts = artifacts;
        this.policies = policies;
    }

    SubmissionViews.Submission view(SubmissionRows.Row r, Actor actor) {
        Map<String, String> answers = JsonMapper.shared().readValue(r.answers(), new TypeReference<>() {});
        Instant submitted = Objects.requireNonNull(Timestamps.instant(r.submittedAt()));
        LooseArtifacts.State scan = artifacts.of(r.sha256()).orElse(null);
        List<ReviewSignals.Found> found =
                new ArrayList<>(ReviewSignals.ofAnswers(policies.inForce().inForceAt(submitted), answers));
        String verdict;
        if (scan == null || !scan.finished() && !scan.status().equals("FAILED")) {
            verdict = ReviewSignals.worst(found) == PolicyParts.Signal.FAIL ? "FAIL" : "PENDING";
        } else {
            if (scan.status().equals("FAILED")) {
                found.add(new ReviewSignals.Found(
                        "scan", PolicyParts.Signal.FAIL, "the artifact could not be scanned: " + scan.failure()));
            } else {
                found.addAll(ReviewSignals.ofScan(
                        scan.findings().stream().map(LooseArtifacts.Found::rule).toList()));
                if (scan.incomplete() || scan.problems() > 0) {
                    found.add(new ReviewSignals.Found(
                            "scan",
                            PolicyParts.Signal.WARNING,
                            scan.problems() + " part(s) of the artifact could not be read: look at them by hand"));
                }
            }
            verdict = ReviewSignals.worst(found).name();
        }
        List<SubmissionRows.EventRow> events = rows.events(r.id());
        String overrider = events.stream()
                .filter(e -> e.round() == r.round() && e.type().equals("OVERRIDDEN"))
                .map(e -> shown(e, actor))
                .findFirst()
                .orElse(null);
        return new SubmissionViews.Submission(
                r.id(),
                r.partnerId(),
                Kind.valueOf(r.kind()),
                r.appKey(),
                r.appName(),
                Hosting.valueOf(r.hosting()),
                r.version(),
                State.valueOf(r.state()),
                r.round(),
                r.assignee() == null ? null : actor.isPartner() ? "operator" : r.assignee(),
                submitted,
                Objects.requireNonNull(Timestamps.instant(r.createdAt())),
                new SubmissionViews.Artifact(
                        r.sha256(), artifacts.name(r.sha256()).orElse(null), scan),
                answers,
                found.stream()
                        .map(s -> new SubmissionViews.Signal(
                                s.source(), s.signal().name(), s.why()))
                        .toList(),
                verdict,
                overrider,
                events.stream()
                        .map(e -> new SubmissionViews.Event(
                                e.type(),
                                e.round(),
                                Objects.requireNonNull(Timestamps.instant(e.at())),
                                shown(e, actor),
                                // Why the operator overrode a FAIL is the operator's own business.
                                actor.isPartner() && e.type().equals("OVERRIDDEN") ? null : e.note()))
                        .toList());
    }

    private static String shown(SubmissionRows.EventRow e, Actor actor) {
        return actor.isPartner() && !e.byPartner() ? "operator" : e.actorName();
    }

    @Nullable
    String overrider(SubmissionRows.Row row) {
        return rows.events(row.id()).stream()
                .filter(e -> e.round() == row.round() && e.type().equals("OVERRIDDEN"))
                .map(SubmissionRows.EventRow::actorId)
                .findFirst()
                .orElse(null);
    }
}
