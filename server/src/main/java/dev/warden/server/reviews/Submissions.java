package dev.warden.server.reviews;

import dev.warden.core.catalog.Hosting;
import dev.warden.core.catalog.PartnerId;
import dev.warden.core.policy.PolicyVersion;
import dev.warden.core.validation.Fields;
import dev.warden.core.validation.InvalidInputException;
import dev.warden.server.audit.AuditTrail;
import dev.warden.server.identity.Users;
import dev.warden.server.policy.Policies;
import dev.warden.server.reviews.SubmissionViews.Kind;
import dev.warden.server.reviews.SubmissionViews.State;
import dev.warden.server.scanning.AppVersions;
import dev.warden.server.scanning.LooseArtifacts;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.ConflictException;
import dev.warden.server.shared.ForbiddenException;
import dev.warden.server.shared.NotFoundException;
import dev.warden.server.shared.Page;
import dev.warden.server.shared.Paging;
import dev.warden.server.shared.Permission;
import dev.warden.server.shared.SqlFilter;
import dev.warden.server.shared.Timestamps;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The new-app security review (docs/reviews.md). A partner submits; an analyst assigns, approves (with
 * conditions), rejects (final; the partner may submit again as a new submission) or requests changes
 * (the partner resubmits, starting the next round). A submission with a failing signal is approved only
 * after a second person has overridden the FAIL with a reason. Every step is on the submission and on
 * the audit trail. A partner sees only its own submissions; another's look like they do not exist.
 */
@Service
public class Submissions {
    private final SubmissionRows rows;
    private final LooseArtifacts artifacts;
    private final Users users;
    private final Policies policies;
    private final AuditTrail audit;
    private final Clock clock;
    private final SubmissionChecks checks;
    private final SubmissionReader reader;
    private final org.springframework.context.ApplicationEventPublisher events;
    private final ApprovedSubmissions onMarketplace;

    Submissions(
            SubmissionRows rows,
            LooseArtifacts artifacts,
            Users users,
            Policies policies,
            AuditTrail audit,
            Clock clock,
            SubmissionChecks checks,
            SubmissionReader reader,
            org.springframework.context.ApplicationEventPublisher events,
            ApprovedSubmissions onMarketplace) {
        this.onMarketplace = onMarketplace;
        this.checks = checks;
        this.reader = reader;
        this.events = events;
        this.rows = rows;
        this.artifacts = artifacts;
        this.users = users;
        this.policies = policies;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * A new submission's fields. {@code partner} only when the operator submits on a partner's behalf;
     * {@code appName} only for a new app; {@code hosting} may be left out of a major version of an app
     * with one listing.
     */
    public record NewSubmission(
            @Nullable Kind kind,
            @Nullable String partner,
            @Nullable String app,
            @Nullable String appName,
            @Nullable Hosting hosting,
            @Nullable String version,
            @Nullable Map<String, String> answers) {
        public NewSubmission {
            answers = answers == null ? Map.of() : answers;
        }
    }

    /** A resubmission: the version (null keeps it), every answer again, and a new artifact or none. */
    public record Resubmission(
            @Nullable String version, @Nullable Map<String, String> answers) {
        public Resubmission {
            answers = answers == null ? Map.of() : answers;
        }
    }

    /** What an analyst decides, with the note the partner reads (required but for an approval). */
    @Schema(name = "SubmissionDecision")
    public record Decision(@Nullable Type type, @Nullable String note) {
        /** The steps of a review. */
        public enum Type {
            APPROVE,
            REJECT,
            REQUEST_CHANGES,
            OVERRIDE
        }
    }

    /** The queue's filters; each null when not given. {@code assignee} "none" finds the unassigned. */
    public record Query(
            @Nullable State state,
            @Nullable Boolean open,
            @Nullable String partner,
            @Nullable Kind kind,
            @Nullable String assignee,
            @Nullable String app) {}

    /** The questionnaire of the policy in force now, as a form asks it. */
    public List<SubmissionViews.Question> questionnaire() {
        return policy(clock.instant()).questions().stream()
                .map(q -> new SubmissionViews.Question(
                        q.id(),
                        q.text(),
                        q.type().name(),
                        List.copyOf(q.answers().keySet())))
                .toList();
    }

    @Transactional
    public SubmissionViews.Submission submit(NewSubmission request, AppVersions.@Nullable Upload file, Actor by) {
        SubmissionChecks.Checked c = checks.submission(request, file != null, by);
        Kind k = c.kind();
        Hosting h = c.hosting();
        PartnerId p = c.partner();
        String key = c.app();
        String version = c.version();
        Map<String, String> answers = c.answers();
        LooseArtifacts.Stored stored = artifacts.store(Objects.requireNonNull(file), key + "-" + version + ".jar");
        Instant now = clock.instant();
        long id = rows.insert(new SubmissionRows.Row(
                0,
                p.value(),
                k.name(),
                key,
                c.appName(),
                h.name(),
                version,
                stored.sha256(),
                json(answers),
                State.SUBMITTED.name(),
                1,
                null,
                Timestamps.utc(now),
                Timestamps.utc(now),
                by.name(),
                Timestamps.utc(now)));
        recordStep(id, 1, "SUBMITTED", now, by.id(), by.name(), by.isPartner(), null, stored.sha256());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("kind", k.name());
        details.put("app", key);
        details.put("hosting", h.name());
        details.put("version", version);
        details.put("sha256", stored.sha256());
        audit.record(by, "SUBMISSION_SUBMITTED", "submission", String.valueOf(id), p, details);
        return get(id, by);
    }

    @Transactional
    public SubmissionViews.Submission resubmit(
            long id, Resubmission request, AppVersions.@Nullable Upload file, Actor by) {
        SubmissionRows.Row row = row(id, by);
        if (!row.state().equals(State.CHANGES_REQUESTED.name())) {
            throw new ConflictException("submission " + id + " is " + row.state()
                    + ": only one whose changes were requested can be resubmitted");
        }
        Fields f = new Fields("invalid resubmission");
        String version = request.version() == null || request.version().isBlank()
                ? row.version()
                : SubmissionChecks.version(request.version(), f);
        Map<String, String> answers = checks.answers(Objects.requireNonNull(request.answers()), f);
        f.check();
        String sha = file == null
                ? row.sha256()
                : artifacts.store(file, row.appKey() + "-" + version + ".jar").sha256();
        Instant now = clock.instant();
        if (!rows.resubmit(id, row.state(), row.round(), version, sha, json(answers), now)) {
            throw new ConflictException("submission " + id + " changed meanwhile: reload it and try again");
        }
        recordStep(id, row.round() + 1, "RESUBMITTED", now, by.id(), by.name(), by.isPartner(), null, sha);
        audit.record(
                by,
                "SUBMISSION_RESUBMITTED",
                "submission",
                String.valueOf(id),
                PartnerId.of(row.partnerId()),
                Map.of("round", row.round() + 1, "version", version, "sha256", sha));
        return get(id, by);
    }

    /** The partner takes a submission back before it is decided. */
    @Transactional
    public SubmissionViews.Submission withdraw(long id, @Nullable String note, Actor by) {
        SubmissionRows.Row row = row(id, by);
        if (!List.of("SUBMITTED", "IN_REVIEW", "CHANGES_REQUESTED").contains(row.state())) {
            throw new ConflictException("submission " + id + " is " + row.state() + " and cannot be withdrawn");
        }
        step(row, State.WITHDRAWN, row.assignee(), "WITHDRAWN", SubmissionChecks.note(note, false), by);
        return get(id, by);
    }

    /** Gives an open submission to an analyst ({@code assignee} a username, "me", or blank for nobody). */
    @Transactional
    public SubmissionViews.Submission assign(long id, @Nullable String assignee, Actor by) {
        requireReviewer(by);
        SubmissionRows.Row row = row(id, by);
        requireOpen(row);
        String who = assignee == null || assignee.isBlank() ? null : assignee.strip();
        if ("me".equals(who)) {
            who = by.id();
        }
        if (who != null) {
            String name = who;
            boolean analyst = users.find(name)
                    .filter(u -> u.enabled() && u.partner() == null)
                    .filter(u ->
                            u.roles().stream().anyMatch(r -> r.permissions().contains(Permission.OBLIGATIONS_MANAGE)))
                    .isPresent();
            if (!analyst) {
                throw new InvalidInputException(
                        "/assignee", "'" + name + "' is not an enabled operator user who may review submissions");
            }
        }
        State to = who == null ? State.SUBMITTED : State.IN_REVIEW;
        step(row, to, who, who == null ? "UNASSIGNED" : "ASSIGNED", who, by);
        return get(id, by);
    }

    /**
     * Decides an open submission. Approval waits for the scan and, over a FAIL, for an override by
     * someone else; it puts the app, listing or version on the marketplace.
     */
    @Transactional
    public SubmissionViews.Submission decide(long id, Decision decision, Actor by) {
        requireReviewer(by);
        SubmissionRows.Row row = row(id, by);
        if (decision.type() == null) {
            throw new InvalidInputException("/type", "is required: APPROVE, REJECT, REQUEST_CHANGES or OVERRIDE");
        }
        requireOpen(row);
        SubmissionViews.Submission now = reader.view(row, by);
        switch (decision.type()) {
            case REJECT ->
                step(row, State.REJECTED, row.assignee(), "REJECTED", SubmissionChecks.note(decision.note(), true), by);
            case REQUEST_CHANGES ->
                step(
                        row,
                        State.CHANGES_REQUESTED,
                        row.assignee(),
                        "CHANGES_REQUESTED",
                        SubmissionChecks.note(decision.note(), true),
                        by);
            case OVERRIDE -> {
                if (!now.verdict().equals("FAIL")) {
                    throw new ConflictException("nothing to override: no signal of submission " + id + " fails");
                }
                if (now.overriddenBy() != null) {
                    throw new ConflictException(
                            "the FAIL of this round is overridden already, by " + now.overriddenBy());
                }
                String note = SubmissionChecks.note(decision.note(), true);
                recordStep(id, row.round(), "OVERRIDDEN", clock.instant(), by.id(), by.name(), false, note, null);
                audit(row, "SUBMISSION_OVERRIDDEN", note, by);
            }
            case APPROVE -> approve(row, now, SubmissionChecks.note(decision.note(), false), by);
        }
        return get(id, by);
    }

    private void approve(
            SubmissionRows.Row row, SubmissionViews.Submission now, @Nullable String conditions, Actor by) {
        LooseArtifacts.State scan = now.artifact().scan();
        if (scan == null || !scan.finished() && !scan.status().equals("FAILED")) {
            throw new ConflictException("the artifact's scan has not finished yet ("
                    + (scan == null ? "not queued" : scan.status()) + "): approve when its signals are in");
        }
        if (now.verdict().equals("FAIL")) {
            List<String> failing = now.signals().stream()
                    .filter(s -> s.signal().equals("FAIL"))
                    .map(s -> s.source() + ": " + s.why())
                    .toList();
            String overrider = reader.overrider(row);
            if (overrider == null) {
                throw new ConflictException("a failing signal blocks approval; a second person must override it first"
                        + " (OVERRIDE with a reason): " + String.join("; ", failing));
            }
            if (overrider.equals(by.id())) {
                throw new ConflictException("you overrode this round's FAIL: another person must approve it");
            }
        }
        step(row, State.APPROVED, row.assignee(), "APPROVED", conditions, by);
        onMarketplace.apply(row, by);
    }

    public SubmissionViews.Submission get(long id, Actor actor) {
        return reader.view(row(id, actor), actor);
    }

    /** How many submissions wait for a decision (submitted or in review) that the actor may see. */
    public long waiting(Actor actor) {
        SqlFilter filter = new SqlFilter().always("state in ('SUBMITTED', 'IN_REVIEW')");
        if (actor.partner() != null) {
            filter.when(actor.partner().value(), "partner_id = :own", "own");
        }
        return rows.count(filter);
    }

    /** A page of the queue, oldest submitted first; a partner's actor sees only its own. */
    public Page<SubmissionViews.Submission> list(Query query, Paging paging, Actor actor) {
        String assignee = "me".equals(query.assignee()) ? actor.id() : query.assignee();
        SqlFilter filter = new SqlFilter()
                .when(actor.partner() == null ? null : actor.partner().value(), "partner_id = :own", "own")
                .when(query.partner(), "partner_id = :partner", "partner")
                .when(query.state(), "state = :state", "state")
                .when(query.kind(), "kind = :kind", "kind")
                .when("none".equals(assignee) ? null : assignee, "assignee = :assignee", "assignee")
                .contains(query.app(), "app_key", "app");
        if ("none".equals(assignee)) {
            filter.always("assignee is null");
        }
        if (Boolean.TRUE.equals(query.open())) {
            filter.always("state in ('SUBMITTED', 'IN_REVIEW')");
        }
        return Page.of(
                rows.page(filter, paging.size(), paging.offset()).stream()
                        .map(r -> reader.view(r, actor))
                        .toList(),
                paging,
                rows.count(filter));
    }

    private void step(
            SubmissionRows.Row row, State to, @Nullable String assignee, String type, @Nullable String note, Actor by) {
        Instant now = clock.instant();
        if (!rows.move(row.id(), row.state(), to.name(), assignee, now)) {
            throw new ConflictException("submission " + row.id() + " changed meanwhile: reload it and try again");
        }
        recordStep(row.id(), row.round(), type, now, by.id(), by.name(), by.isPartner(), note, null);
        audit(row, "SUBMISSION_" + type, note, by);
    }

    /** Records a step on the submission and tells whoever listens (the notifications). */
    private void recordStep(
            long id,
            int round,
            String type,
            Instant at,
            String actorId,
            String actorName,
            boolean byPartner,
            @Nullable String note,
            @Nullable String sha256) {
        rows.event(id, round, type, at, actorId, actorName, byPartner, note, sha256);
        SubmissionRows.Row row = rows.find(id).orElseThrow();
        events.publishEvent(new SubmissionChanged(
                id,
                PartnerId.of(row.partnerId()),
                row.appKey(),
                row.version(),
                type,
                note,
                rows.events(id).size()));
    }

    private void audit(SubmissionRows.Row row, String action, @Nullable String note, Actor by) {
        Map<String, Object> details = new TreeMap<>();
        details.put("round", row.round());
        details.put("app", row.appKey());
        if (note != null) {
            details.put("note", note);
        }
        audit.record(by, action, "submission", String.valueOf(row.id()), PartnerId.of(row.partnerId()), details);
    }

    private SubmissionRows.Row row(long id, Actor actor) {
        return rows.find(id)
                .filter(r -> actor.canSee(PartnerId.of(r.partnerId())))
                .orElseThrow(() -> new NotFoundException("No submission " + id));
    }

    private static void requireOpen(SubmissionRows.Row row) {
        if (!row.state().equals(State.SUBMITTED.name()) && !row.state().equals(State.IN_REVIEW.name())) {
            throw new ConflictException("submission " + row.id() + " is " + row.state() + ": only a submitted one"
                    + " can be assigned or decided");
        }
    }

    private static void requireReviewer(Actor by) {
        if (by.isPartner() || !by.can(Permission.OBLIGATIONS_MANAGE)) {
            throw new ForbiddenException("only the operator's analysts review submissions");
        }
    }

    private PolicyVersion policy(Instant at) {
        return policies.inForce().inForceAt(at);
    }

    private static String json(Map<String, String> answers) {
        return JsonMapper.shared().writeValueAsString(answers);
    }
}
