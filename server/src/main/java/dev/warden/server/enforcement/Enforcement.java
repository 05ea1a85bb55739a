package dev.warden.server.enforcement;

import dev.warden.core.catalog.App;
import dev.warden.core.catalog.AppKey;
import dev.warden.core.catalog.Hosting;
import dev.warden.core.catalog.ListingState;
import dev.warden.core.catalog.Partner;
import dev.warden.core.catalog.PartnerId;
import dev.warden.core.catalog.PartnerStatus;
import dev.warden.core.compliance.Breaches;
import dev.warden.core.compliance.Facts;
import dev.warden.core.compliance.IncidentActiveExploitation;
import dev.warden.core.compliance.Rule;
import dev.warden.core.compliance.Rules;
import dev.warden.core.compliance.Subject;
import dev.warden.core.compliance.Violation;
import dev.warden.core.cvss.Severity;
import dev.warden.core.enforcement.Ladder;
import dev.warden.core.enforcement.Proposal;
import dev.warden.core.obligations.Incident;
import dev.warden.core.policy.EnforcementAction;
import dev.warden.core.policy.PolicyVersion;
import dev.warden.core.policy.PolicyVersions;
import dev.warden.core.tickets.TicketClock;
import dev.warden.core.time.Instants;
import dev.warden.core.validation.FieldError;
import dev.warden.core.validation.InvalidInputException;
import dev.warden.server.audit.AuditTrail;
import dev.warden.server.catalog.Apps;
import dev.warden.server.catalog.Partners;
import dev.warden.server.enforcement.CaseRows.ActionRow;
import dev.warden.server.enforcement.CaseRows.AppealRow;
import dev.warden.server.enforcement.CaseRows.CaseRow;
import dev.warden.server.enforcement.CaseRows.NewAction;
import dev.warden.server.enforcement.CaseRows.VoteRow;
import dev.warden.server.enforcement.EnforcementViews.ActionView;
import dev.warden.server.enforcement.EnforcementViews.AppealView;
import dev.warden.server.enforcement.EnforcementViews.CaseView;
import dev.warden.server.enforcement.EnforcementViews.EvaluationSummary;
import dev.warden.server.enforcement.EnforcementViews.SubjectView;
import dev.warden.server.enforcement.EnforcementViews.VoteView;
import dev.warden.server.obligations.BountyPrograms;
import dev.warden.server.obligations.Incidents;
import dev.warden.server.obligations.ObligationFacts;
import dev.warden.server.policy.Policies;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.ConflictException;
import dev.warden.server.shared.ForbiddenException;
import dev.warden.server.shared.NotFoundException;
import dev.warden.server.shared.Page;
import dev.warden.server.shared.Paging;
import dev.warden.server.shared.SqlFilter;
import dev.warden.server.tickets.Tickets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Compliance and enforcement over the server's data. {@link #evaluate} runs the rules for one partner
 * or all and reconciles cases: a violation opens a case (or reopens a resolved one), a case whose
 * violation is gone is resolved and proposes lifting what it caused, and an open case proposes the
 * next step of its ladder when its time comes. People then approve or reject proposals (two different
 * approvers for the severe steps), and approved actions change the catalog in the same transaction.
 */
@Service
public class Enforcement {
    /** The rule id of cases opened by a person to terminate a partner. */
    static final String TERMINATION = "TERMINATION";

    static final Set<String> RULE_IDS = Rules.ALL.stream().map(Rule::id).collect(Collectors.toUnmodifiableSet());
    private static final Actor EVALUATOR = Actor.system("compliance-evaluation");
    private static final int MAX_NOTE = 2000;
    private static final int MAX_GROUNDS = 4000;

    private final CaseRows rows;
    private final Effects effects;
    private final Partners partners;
    private final Apps apps;
    private final Tickets tickets;
    private final Policies policies;
    private final AuditTrail audit;
    private final Clock clock;
    private final TransactionTemplate ownTransaction;
    private final ObligationFacts obligations;
    private final BountyPrograms programs;
    private final Incidents incidents;

    Enforcement(
            CaseRows rows,
            Effects effects,
            Partners partners,
            Apps apps,
            Tickets tickets,
            Policies policies,
            AuditTrail audit,
            Clock clock,
            PlatformTransactionManager transactions,
            ObligationFacts obligations,
            BountyPrograms programs,
            Incidents incidents) {
        this.obligations = obligations;
        this.programs = programs;
        this.incidents = incidents;
        this.rows = rows;
        this.effects = effects;
        this.partners = partners;
        this.apps = apps;
        this.tickets = tickets;
        this.policies = policies;
        this.audit = audit;
        this.clock = clock;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    // ---- Evaluation -------------------------------------------------------------------------------

    /** Running totals of what an evaluation changed. */
    private static final class Counts {
        int partners;
        int violations;
        int opened;
        int reopened;
        int refreshed;
        int resolved;
        int closed;
        int proposed;
        int withdrawn;
        int skipped;
    }

    /**
     * Evaluates the rules for one partner, or for every partner when {@code only} is null, each
     * partner in its own transaction, and reconciles cases with what they find.
     */
    public EvaluationSummary evaluate(@Nullable PartnerId only) {
        Instant now = clock.instant();
        PolicyVersions versions = policies.inForce();
        PolicyVersion policy = versions.inForceAt(now);
        Counts counts = new Counts();
        List<String> ids = only == null ? ownTransaction.execute(status -> rows.partnerIds()) : List.of(only.value());
        for (String id : ids == null ? List.<String>of() : ids) {
            ownTransaction.executeWithoutResult(
                    status -> evaluatePartner(PartnerId.of(id), versions, policy, now, counts));
        }
        return new EvaluationSummary(
                now,
                policy.id(),
                counts.partners,
                counts.violations,
                counts.opened,
                counts.reopened,
                counts.refreshed,
                counts.resolved,
                counts.closed,
                counts.proposed,
                counts.withdrawn,
                counts.skipped);
    }

    private void evaluatePartner(
            PartnerId id, PolicyVersions versions, PolicyVersion policy, Instant now, Counts counts) {
        if (!rows.lockPartner(id)) {
            return; // gone meanwhile
        }
        Partner partner = partners.get(id).value();
        List<App> owned = apps.ofPartner(id);
        Breaches breaches = new Breaches();
        tickets.forEach(id, t -> TicketClock.at(t, versions, now).ifPresent(breaches::add));
        List<Violation> violations =
                Rules.evaluate(new Facts(now, List.of(partner), owned, breaches, obligations.of(id)), policy);
        counts.partners++;
        counts.violations += violations.size();

        Map<String, CaseRow> active = new LinkedHashMap<>();
        for (CaseRow c : rows.activeCases(id)) {
            if (RULE_IDS.contains(c.rule())) {
                active.put(activeKey(c), c);
            }
        }
        Map<Long, List<ActionRow>> actions = new HashMap<>();
        rows.actionsOf(active.values().stream().map(CaseRow::id).toList())
                .forEach(a -> actions.computeIfAbsent(a.caseId(), k -> new ArrayList<>())
                        .add(a));

        for (Violation v : violations) {
            String key = activeKey(v.rule(), v.subject());
            CaseRow found = active.remove(key);
            long caseId;
            List<ActionRow> caseActions;
            if (found == null) {
                Instant began = Ladder.began(v, null, now);
                caseId = rows.insertCase(
                        v.rule(),
                        v.subject().type(),
                        v.subject().id(),
                        id,
                        key,
                        began,
                        now,
                        v.severity().name(),
                        v.evidence(),
                        v.policyVersion());
                audit.record(
                        EVALUATOR,
                        "CASE_OPENED",
                        "case",
                        String.valueOf(caseId),
                        id,
                        Map.of(
                                "rule", v.rule(),
                                "subject",
                                        v.subject().type() + ":" + v.subject().id(),
                                "since", Instants.format(began),
                                "evidence", v.evidence()));
                counts.opened++;
                caseActions = List.of();
            } else {
                caseId = found.id();
                caseActions = actions.getOrDefault(caseId, List.of());
                if (found.caseStatus() == CaseStatus.RESOLVED) {
                    rows.setCaseStatus(caseId, CaseStatus.OPEN, now);
                    for (ActionRow a : caseActions) {
                        if (a.actionOrigin() == Origin.LIFT && a.actionStatus() == ActionStatus.PROPOSED) {
                            withdraw(a, "the violation holds again", now);
                            counts.withdrawn++;
                        }
                    }
                    audit.record(
                            EVALUATOR,
                            "CASE_REOPENED",
                            "case",
                            String.valueOf(caseId),
                            id,
                            Map.of("rule", v.rule(), "evidence", v.evidence()));
                    counts.reopened++;
                    caseActions = rows.actionsOf(caseId);
                }
                if (!found.evidence().equals(v.evidence())
                        || !found.severity().equals(v.severity().name())
                        || !found.policyVersion().equals(v.policyVersion())) {
                    rows.refreshCase(caseId, v.severity().name(), v.evidence(), v.policyVersion(), now);
                    counts.refreshed++;
                }
            }
            Instant began =
                    found == null ? Ladder.began(v, null, now) : found.beganAt().toInstant();
            proposeNext(caseId, id, v, began, caseActions, policy, now, counts);
        }
        for (CaseRow gone : active.values()) {
            if (gone.caseStatus() == CaseStatus.OPEN) {
                resolve(gone, actions.getOrDefault(gone.id(), List.of()), now, counts);
            }
        }
    }

    private void proposeNext(
            long caseId,
            PartnerId partner,
            Violation v,
            Instant began,
            List<ActionRow> caseActions,
            PolicyVersion policy,
            Instant now,
            Counts counts) {
        boolean pending = caseActions.stream()
                .anyMatch(a -> a.actionStatus() == ActionStatus.PROPOSED && a.actionOrigin() != Origin.LIFT);
        if (pending) {
            return;
        }
        int taken = (int) caseActions.stream()
                .filter(a -> a.actionOrigin() == Origin.LADDER && a.actionStatus() != ActionStatus.WITHDRAWN)
                .count();
        Set<String> inEffect = caseActions.stream()
                .filter(a -> a.actionStatus() == ActionStatus.APPLIED && a.actionOrigin() != Origin.LIFT)
                .map(ActionRow::action)
                .collect(Collectors.toSet());
        while (true) {
            Optional<Proposal> next = Ladder.next(v, began, taken, policy, now);
            if (next.isEmpty()) {
                return;
            }
            Proposal p = next.get();
            boolean already = inEffect.contains(p.action().name());
            long actionId = rows.insertAction(new NewAction(
                    caseId,
                    partner,
                    Origin.LADDER,
                    p.action().name(),
                    p.step(),
                    already ? ActionStatus.SKIPPED : ActionStatus.PROPOSED,
                    now,
                    EVALUATOR.id(),
                    p.dueAt(),
                    already ? p.action() + " is already in effect in this case" : p.reason(),
                    null,
                    p.approvalsRequired(),
                    null));
            audit.record(
                    EVALUATOR,
                    already ? "ACTION_SKIPPED" : "ACTION_PROPOSED",
                    "action",
                    String.valueOf(actionId),
                    partner,
                    Map.of(
                            "case", caseId,
                            "action", p.action().name(),
                            "step", p.step(),
                            "approvalsRequired", p.approvalsRequired()));
            if (!already) {
                counts.proposed++;
                return;
            }
            counts.skipped++;
            taken++;
        }
    }

    private void resolve(CaseRow c, List<ActionRow> caseActions, Instant now, Counts counts) {
        for (ActionRow a : caseActions) {
            if (a.actionStatus() == ActionStatus.PROPOSED) {
                withdraw(a, "the violation was resolved", now);
                counts.withdrawn++;
            }
        }
        List<ActionRow> toLift =
                caseActions.stream().filter(Enforcement::needsLifting).toList();
        rows.setCaseStatus(c.id(), CaseStatus.RESOLVED, now);
        audit.record(
                EVALUATOR,
                "CASE_RESOLVED",
                "case",
                String.valueOf(c.id()),
                c.partner(),
                Map.of("rule", c.rule(), "subject", c.subjectType() + ":" + c.subjectId(), "inEffect", toLift.size()));
        counts.resolved++;
        if (toLift.isEmpty()) {
            close(c, now, "nothing to lift");
            counts.closed++;
        } else {
            proposeLift(c, toLift, EVALUATOR, "the violation was resolved on " + Instants.format(now), now);
            counts.proposed++;
        }
    }

    private static boolean needsLifting(ActionRow a) {
        return a.actionStatus() == ActionStatus.APPLIED
                && a.actionOrigin() != Origin.LIFT
                && a.effect() != null
                && Effect.parse(a.effect()).changesCatalog();
    }

    private long proposeLift(CaseRow c, List<ActionRow> toLift, Actor by, String why, Instant now) {
        String lifted = toLift.stream().map(a -> a.action() + " #" + a.id()).collect(Collectors.joining(", "));
        long id = rows.insertAction(new NewAction(
                c.id(),
                c.partner(),
                Origin.LIFT,
                "LIFT",
                null,
                ActionStatus.PROPOSED,
                now,
                by.id(),
                now,
                "Lift " + lifted + ": " + why,
                null,
                1,
                null));
        audit.record(
                by,
                "ACTION_PROPOSED",
                "action",
                String.valueOf(id),
                c.partner(),
                Map.of("case", c.id(), "action", "LIFT", "lifts", lifted, "approvalsRequired", 1));
        return id;
    }

    private void withdraw(ActionRow a, String why, Instant now) {
        if (rows.updateAction(a.id(), a.version(), ActionStatus.WITHDRAWN, now, null, null, null)) {
            audit.record(
                    EVALUATOR,
                    "ACTION_WITHDRAWN",
                    "action",
                    String.valueOf(a.id()),
                    a.partner(),
                    Map.of("case", a.caseId(), "action", a.action(), "why", why));
        }
    }

    private void close(CaseRow c, Instant now, String why) {
        rows.setCaseStatus(c.id(), CaseStatus.CLOSED, now);
        audit.record(EVALUATOR, "CASE_CLOSED", "case", String.valueOf(c.id()), c.partner(), Map.of("why", why));
    }

    static String activeKey(String rule, Subject subject) {
        return rule + "|" + subject.type() + "|" + subject.id();
    }

    /** A stored case's key, in the same form as {@link #activeKey}. */
    private static String activeKey(CaseRow c) {
        return c.rule() + "|" + c.subjectType() + "|" + c.subjectId();
    }

    // ---- Decisions --------------------------------------------------------------------------------

    /** An approver approves a proposed action; with enough different approvers it takes effect at once. */
    @Transactional
    public ActionView approve(long actionId, @Nullable String comment, Actor by) {
        return vote(actionId, true, comment, by);
    }

    /** An approver turns a proposed action down (a comment saying why is required). */
    @Transactional
    public ActionView reject(long actionId, @Nullable String comment, Actor by) {
        requireText("invalid decision", "/comment", comment, "say why the action is rejected");
        return vote(actionId, false, comment, by);
    }

    private ActionView vote(long actionId, boolean approve, @Nullable String comment, Actor by) {
        requirePerson(by);
        checkLength("/comment", comment, MAX_NOTE);
        ActionRow a = visibleAction(actionId, by);
        rows.lockPartner(a.partner());
        a = rows.findAction(actionId).orElseThrow();
        if (a.actionStatus() != ActionStatus.PROPOSED) {
            throw new ConflictException(
                    "Action #" + actionId + " is " + a.status() + "; only a proposed action can be decided");
        }
        if (a.proposedBy().equals(by.id())) {
            throw new ForbiddenException("You proposed action #" + actionId + "; another person must decide on it");
        }
        List<VoteRow> votes = rows.votes(actionId);
        if (votes.stream().anyMatch(v -> v.voterId().equals(by.id()))) {
            throw new ConflictException("You already decided on action #" + actionId + "; it needs another approver ("
                    + a.approvalsRequired() + " in all)");
        }
        Instant now = clock.instant();
        rows.insertVote(actionId, by.id(), by.name(), approve ? "APPROVE" : "REJECT", comment, now);
        long approvals =
                votes.stream().filter(v -> v.decision().equals("APPROVE")).count() + (approve ? 1 : 0);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("action", a.action());
        details.put("case", a.caseId());
        details.put("approvals", approvals);
        details.put("approvalsRequired", a.approvalsRequired());
        if (comment != null) {
            details.put("comment", comment);
        }
        audit.record(
                by,
                approve ? "ACTION_APPROVED" : "ACTION_REJECTED",
                "action",
                String.valueOf(actionId),
                a.partner(),
                details);
        CaseRow c = rows.findCase(a.caseId()).orElseThrow();
        if (!approve) {
            update(a, ActionStatus.REJECTED, now, null, null, null);
            if (a.actionOrigin() == Origin.TERMINATION) {
                close(c, now, "termination rejected");
            }
        } else if (approvals >= a.approvalsRequired()) {
            if (a.actionOrigin() == Origin.LIFT) {
                lift(c, a, by, now);
            } else {
                take(c, a, by, now);
            }
        }
        return actionView(rows.findAction(actionId).orElseThrow(), by);
    }

    private void take(CaseRow c, ActionRow a, Actor by, Instant now) {
        PolicyVersion policy = policies.inForce().inForceAt(now);
        Effect effect = effects.apply(
                EnforcementAction.valueOf(a.action()),
                subject(c),
                policy.enforcement().warningWindowDays(),
                now,
                by);
        update(a, ActionStatus.APPLIED, now, now, effect.json(), null);
        audit.record(by, "ACTION_APPLIED", "action", String.valueOf(a.id()), a.partner(), Effects.describe(effect));
        if (a.actionOrigin() == Origin.TERMINATION) {
            close(c, now, "termination applied");
        }
    }

    /**
     * Undoes, newest first, every action of the case still in effect, then closes the case. Actions are
     * read afresh each time: undoing one may hand a change to another that still holds it.
     */
    private void lift(CaseRow c, ActionRow liftAction, Actor by, Instant now) {
        List<Effect.ListingChange> listings = new ArrayList<>();
        List<Effect.BadgeChange> badges = new ArrayList<>();
        Effect.StatusChange partnerBack = null;
        Effect.ProgramChange programBack = null;
        List<String> notes = new ArrayList<>();
        while (true) {
            Optional<ActionRow> next = rows.actionsOf(c.id()).stream()
                    .filter(Enforcement::needsLifting)
                    .max(Comparator.comparingLong(ActionRow::id));
            if (next.isEmpty()) {
                break;
            }
            ActionRow a = next.get();
            Effect undone = undo(a, by);
            update(rows.findAction(a.id()).orElseThrow(), ActionStatus.LIFTED, null, null, null, now);
            audit.record(by, "ACTION_LIFTED", "action", String.valueOf(a.id()), a.partner(), Effects.describe(undone));
            listings.addAll(undone.listings());
            badges.addAll(undone.badges());
            partnerBack = undone.partner() != null ? undone.partner() : partnerBack;
            programBack = undone.program() != null ? undone.program() : programBack;
            notes.addAll(undone.notes());
        }
        Effect all = new Effect(listings, badges, partnerBack, notes, programBack);
        update(liftAction, ActionStatus.APPLIED, now, now, all.json(), null);
        audit.record(
                by, "ACTION_APPLIED", "action", String.valueOf(liftAction.id()), c.partner(), Effects.describe(all));
        close(c, now, "every action lifted");
    }

    /**
     * Undoes one action. What another action still in effect holds (of an unfinished case, this one's
     * included) stays, and is handed to that action so that undoing it later restores the state before
     * both, in whatever order they are undone.
     */
    private Effect undo(ActionRow a, Actor by) {
        List<ActionRow> others = rows.inEffect(a.partner()).stream()
                .filter(o -> o.id() != a.id())
                .toList();
        Map<Long, Subject> subjects = new HashMap<>();
        for (ActionRow o : others) {
            subjects.computeIfAbsent(o.caseId(), id -> subject(rows.findCase(id).orElseThrow()));
        }
        Effects.Holders holders = new Effects.Holders() {
            @Override
            public Optional<Effects.Hold> listing(AppKey app, Hosting hosting) {
                Effects.Hold best = null;
                for (ActionRow o : others) {
                    ListingState state = o.action().equals("PAUSE_LISTING")
                            ? ListingState.PAUSED
                            : o.action().equals("HIDE_LISTING") ? ListingState.HIDDEN : null;
                    if (state == null || !covers(subjects.get(o.caseId()), app, hosting)) {
                        continue;
                    }
                    if (best == null || best.state() == ListingState.HIDDEN && state == ListingState.PAUSED) {
                        best = new Effects.Hold(o.id(), state);
                    }
                }
                return Optional.ofNullable(best);
            }

            @Override
            public Optional<Effects.Hold> badges(AppKey app) {
                return others.stream()
                        .filter(o -> o.action().equals("REVOKE_BADGE") && covers(subjects.get(o.caseId()), app, null))
                        .findFirst()
                        .map(o -> new Effects.Hold(o.id(), null));
            }

            @Override
            public Optional<Effects.Hold> partner() {
                return others.stream()
                        .filter(o -> o.action().equals("SUSPEND_PARTNER"))
                        .findFirst()
                        .map(o -> new Effects.Hold(o.id(), null));
            }

            @Override
            public Optional<Effects.Hold> program(String program) {
                return others.stream()
                        .filter(o -> (o.action().equals("PAUSE_BOUNTY_PROGRAM")
                                        || o.action().equals("DEACTIVATE_BOUNTY_PROGRAM"))
                                && subjects.get(o.caseId()) instanceof Subject.Program p
                                && p.program().equals(program))
                        .findFirst()
                        .map(o -> new Effects.Hold(o.id(), null));
            }
        };
        Effects.Undone undone =
                effects.undo(Effect.parse(Objects.requireNonNull(a.effect())), a.partner(), holders, by);
        for (Effects.Handover handover : undone.handovers()) {
            ActionRow holder = rows.findAction(handover.action()).orElseThrow();
            Effect merged =
                    Effect.parse(Objects.requireNonNull(holder.effect())).absorb(handover.change());
            update(holder, ActionStatus.APPLIED, null, null, merged.json(), null);
        }
        return undone.effect();
    }

    /** Whether an action against this subject reaches this listing (or, without a hosting, this app). */
    private boolean covers(@Nullable Subject subject, AppKey app, @Nullable Hosting hosting) {
        if (subject instanceof Subject.Program p) {
            return programs.find(p.program())
                    .map(v -> v.value().apps().contains(app))
                    .orElse(false);
        }
        if (subject instanceof Subject.Listing l) {
            return l.app().equals(app) && (hosting == null || l.hosting() == hosting);
        }
        if (subject instanceof Subject.App a) {
            return a.app().equals(app);
        }
        return subject instanceof Subject.Partner; // an app of the partner: inEffect reads only its actions
    }

    private void update(
            ActionRow a,
            ActionStatus status,
            @Nullable Instant decided,
            @Nullable Instant applied,
            @Nullable String effect,
            @Nullable Instant undone) {
        if (!rows.updateAction(a.id(), a.version(), status, decided, applied, effect, undone)) {
            throw new ConflictException("Action #" + a.id() + " was changed meanwhile; fetch it again");
        }
    }

    // ---- Steps taken by people --------------------------------------------------------------------

    /** Proposes a step ahead of the ladder on an open case, for a reason the policy allows. */
    @Transactional
    public ActionView escalate(long caseId, EnforcementRequests.Escalation request, Actor by) {
        List<FieldError> errors = new ArrayList<>();
        if (request.action() == null) {
            errors.add(new FieldError("/action", "is required"));
        }
        if (request.justification() == null) {
            errors.add(new FieldError(
                    "/justification", "is required: ACTIVE_EXPLOITATION, MALICIOUS_ACTIVITY or LEGAL_OBLIGATION"));
        }
        if (request.note() == null || request.note().isBlank()) {
            errors.add(new FieldError("/note", "say what justifies skipping the ladder"));
        }
        checkLength("/note", request.note(), MAX_NOTE);
        Instant now = clock.instant();
        PolicyVersion policy = policies.inForce().inForceAt(now);
        EnforcementAction action = request.action();
        Set<EnforcementAction> allowed = policy.enforcement().skippableFor();
        if (action != null && !allowed.contains(action)) {
            errors.add(new FieldError(
                    "/action",
                    "policy " + policy.id() + " allows only "
                            + allowed.stream().sorted().toList() + " ahead of the ladder"));
        }
        if (!errors.isEmpty() || action == null || request.justification() == null) {
            throw new InvalidInputException("invalid escalation", errors);
        }
        CaseRow c = visibleCase(caseId, by);
        rows.lockPartner(c.partner());
        if (c.caseStatus() != CaseStatus.OPEN || !RULE_IDS.contains(c.rule())) {
            throw new ConflictException("Case #" + caseId + " is not an open violation case");
        }
        boolean duplicate = rows.actionsOf(caseId).stream()
                .anyMatch(a -> a.action().equals(action.name())
                        && (a.actionStatus() == ActionStatus.PROPOSED || a.actionStatus() == ActionStatus.APPLIED));
        if (duplicate) {
            throw new ConflictException(action + " is already proposed or in effect in case #" + caseId);
        }
        int approvals = policy.enforcement().approvalsFor(action);
        long id = rows.insertAction(new NewAction(
                caseId,
                c.partner(),
                Origin.ESCALATION,
                action.name(),
                null,
                ActionStatus.PROPOSED,
                now,
                by.id(),
                now,
                request.justification() + ": " + request.note(),
                request.justification(),
                approvals,
                null));
        audit.record(
                by,
                "ACTION_PROPOSED",
                "action",
                String.valueOf(id),
                c.partner(),
                Map.of(
                        "case", caseId,
                        "action", action.name(),
                        "justification", request.justification().name(),
                        "note", Objects.requireNonNull(request.note()),
                        "approvalsRequired", approvals));
        return actionView(rows.findAction(id).orElseThrow(), by);
    }

    /** The partner of an incident the actor may see, if there is one. */
    public Optional<PartnerId> incidentPartner(@Nullable String incident, Actor by) {
        return incident == null
                ? Optional.empty()
                : incidents.find(incident, by).map(Incident::partner);
    }

    /**
     * Proposes pausing every app of an incident under active exploitation at once, ahead of the ladder
     * (POLICY.md section 7: "the operator may suspend the app immediately"), on the cases the rule
     * {@code INCIDENT-ACTIVE-EXPLOITATION} opened for them. Each proposal needs the approvals the policy
     * sets for a pause; containment resolves the cases, which proposes lifting the pause.
     *
     * <p>The caller evaluates the incident's partner just before, so that the cases exist.
     */
    @Transactional
    public List<ActionView> proposeEmergencyPause(EnforcementRequests.EmergencyPause request, Actor by) {
        String id = request.incident();
        if (id == null || id.isBlank()) {
            throw new InvalidInputException("/incident", "is required: the id of the incident, for example INC-4");
        }
        String note = requireText(
                "invalid emergency pause", "/note", request.note(), "say what is being exploited and why pause now");
        checkLength("/note", note, MAX_NOTE);
        Incident incident = incidents
                .find(id, by)
                .orElseThrow(() -> new InvalidInputException("/incident", "no incident '" + id + "'"));
        if (!incident.activeExploitation() || !incident.open() || incident.containedAt() != null) {
            throw new ConflictException("Incident " + id + " is not under active exploitation now (it must be"
                    + " reported as actively exploited, open and not contained)");
        }
        rows.lockPartner(incident.partner());
        Map<String, CaseRow> open = new HashMap<>();
        for (CaseRow c : rows.activeCases(incident.partner())) {
            if (c.rule().equals(IncidentActiveExploitation.ID) && c.caseStatus() == CaseStatus.OPEN) {
                open.put(c.subjectId(), c);
            }
        }
        List<ActionView> proposed = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (AppKey app : incident.apps()) {
            CaseRow c = open.get(app.value());
            if (c == null) {
                skipped.add(app + " (no open case: evaluate the partner)");
                continue;
            }
            boolean already = rows.actionsOf(c.id()).stream()
                    .anyMatch(a -> a.action().equals(EnforcementAction.PAUSE_LISTING.name())
                            && (a.actionStatus() == ActionStatus.PROPOSED || a.actionStatus() == ActionStatus.APPLIED));
            if (already) {
                skipped.add(app + " (a pause is already proposed or in effect in case #" + c.id() + ")");
                continue;
            }
            proposed.add(escalate(
                    c.id(),
                    new EnforcementRequests.Escalation(
                            EnforcementAction.PAUSE_LISTING,
                            Justification.ACTIVE_EXPLOITATION,
                            "Incident " + id + ": " + note),
                    by));
        }
        if (proposed.isEmpty()) {
            throw new ConflictException("Nothing to propose for incident " + id + ": " + String.join("; ", skipped));
        }
        return proposed;
    }

    /** Proposes terminating a partner: only ever by a person, and it needs two other people to approve. */
    @Transactional
    public ActionView proposeTermination(EnforcementRequests.Termination request, Actor by) {
        List<FieldError> errors = new ArrayList<>();
        String partnerText = request.partner();
        if (partnerText == null || !PartnerId.isValid(partnerText)) {
            errors.add(new FieldError("/partner", "is required: a partner id"));
        }
        if (request.reason() == null || request.reason().isBlank()) {
            errors.add(new FieldError("/reason", "say why, after internal review"));
        }
        checkLength("/reason", request.reason(), MAX_GROUNDS);
        if (!errors.isEmpty() || partnerText == null) {
            throw new InvalidInputException("invalid termination", errors);
        }
        PartnerId id = PartnerId.of(partnerText);
        if (!rows.lockPartner(id)) {
            throw new InvalidInputException(
                    "invalid termination", List.of(new FieldError("/partner", "no partner '" + id + "'")));
        }
        if (partners.get(id).value().status() == PartnerStatus.TERMINATED) {
            throw new ConflictException("Partner '" + id + "' is already terminated");
        }
        Subject subject = new Subject.Partner(id);
        String key = activeKey(TERMINATION, subject);
        Instant now = clock.instant();
        Optional<CaseRow> existing = rows.activeCases(id).stream()
                .filter(c -> activeKey(c).equals(key))
                .findFirst();
        if (existing.isPresent()) {
            throw new ConflictException("A termination of '" + id + "' is already proposed (case #"
                    + existing.get().id() + ")");
        }
        String reason = Objects.requireNonNull(request.reason());
        long caseId = rows.insertCase(
                TERMINATION, "partner", id.value(), id, key, now, now, Severity.CRITICAL.name(), reason, "-");
        audit.record(
                by,
                "CASE_OPENED",
                "case",
                String.valueOf(caseId),
                id,
                Map.of("rule", TERMINATION, "subject", "partner:" + id, "evidence", reason));
        int approvals =
                policies.inForce().inForceAt(now).enforcement().approvalsFor(EnforcementAction.TERMINATE_PARTNER);
        long actionId = rows.insertAction(new NewAction(
                caseId,
                id,
                Origin.TERMINATION,
                EnforcementAction.TERMINATE_PARTNER.name(),
                null,
                ActionStatus.PROPOSED,
                now,
                by.id(),
                now,
                reason,
                null,
                Math.max(2, approvals),
                null));
        audit.record(
                by,
                "ACTION_PROPOSED",
                "action",
                String.valueOf(actionId),
                id,
                Map.of("case", caseId, "action", "TERMINATE_PARTNER", "approvalsRequired", Math.max(2, approvals)));
        return actionView(rows.findAction(actionId).orElseThrow(), by);
    }

    /** Proposes again to lift a resolved case's actions (after an earlier lift was rejected). */
    @Transactional
    public ActionView proposeLift(long caseId, @Nullable String note, Actor by) {
        checkLength("/note", note, MAX_NOTE);
        CaseRow c = visibleCase(caseId, by);
        rows.lockPartner(c.partner());
        List<ActionRow> caseActions = rows.actionsOf(caseId);
        if (c.caseStatus() != CaseStatus.RESOLVED) {
            throw new ConflictException(
                    "Case #" + caseId + " is " + c.status() + "; only a resolved case lifts actions");
        }
        if (caseActions.stream()
                .anyMatch(a -> a.actionOrigin() == Origin.LIFT && a.actionStatus() == ActionStatus.PROPOSED)) {
            throw new ConflictException("A lift is already proposed in case #" + caseId);
        }
        List<ActionRow> toLift =
                caseActions.stream().filter(Enforcement::needsLifting).toList();
        if (toLift.isEmpty()) {
            throw new ConflictException("Nothing is in effect in case #" + caseId);
        }
        Instant now = clock.instant();
        long id = proposeLift(c, toLift, by, note == null || note.isBlank() ? "proposed again" : note, now);
        return actionView(rows.findAction(id).orElseThrow(), by);
    }

    // ---- Appeals ----------------------------------------------------------------------------------

    /** A partner appeals an action in effect against it, within the policy's appeal window. */
    @Transactional
    public AppealView appeal(long actionId, @Nullable String groundsText, Actor by) {
        String grounds =
                requireText("invalid appeal", "/grounds", groundsText, "say why the action should be reversed");
        checkLength("/grounds", grounds, MAX_GROUNDS);
        ActionRow a = visibleAction(actionId, by);
        rows.lockPartner(a.partner());
        if (a.actionStatus() != ActionStatus.APPLIED || a.actionOrigin() == Origin.LIFT) {
            throw new ConflictException("Only an action in effect can be appealed; action #" + actionId + " is "
                    + (a.actionOrigin() == Origin.LIFT ? "a lift" : a.status()));
        }
        Instant now = clock.instant();
        Instant until = appealableUntil(a, now);
        if (until == null || now.isAfter(until)) {
            throw new ConflictException("The appeal window for action #" + actionId + " closed"
                    + (until == null ? "" : " on " + Instants.format(until)));
        }
        if (rows.appealsOf(actionId).stream().anyMatch(p -> p.appealStatus() == AppealStatus.OPEN)) {
            throw new ConflictException("Action #" + actionId + " already has an open appeal");
        }
        long id = rows.insertAppeal(actionId, a.partner(), grounds, by.id(), now);
        audit.record(
                by,
                "APPEAL_FILED",
                "appeal",
                String.valueOf(id),
                a.partner(),
                Map.of("action", actionId, "grounds", grounds));
        return appealView(rows.findAppeal(id).orElseThrow());
    }

    /** An approver who did not take the action upholds the appeal: the action is reversed at once. */
    @Transactional
    public AppealView upholdAppeal(long appealId, @Nullable String note, Actor by) {
        return decideAppeal(appealId, true, note, by);
    }

    /** An approver who did not take the action denies the appeal (a note to the partner is required). */
    @Transactional
    public AppealView denyAppeal(long appealId, @Nullable String note, Actor by) {
        requireText("invalid decision", "/note", note, "tell the partner why the appeal is denied");
        return decideAppeal(appealId, false, note, by);
    }

    private AppealView decideAppeal(long appealId, boolean uphold, @Nullable String note, Actor by) {
        requirePerson(by);
        checkLength("/note", note, MAX_NOTE);
        AppealRow appeal = rows.findAppeal(appealId)
                .filter(p -> by.canSee(PartnerId.of(p.partnerId())))
                .orElseThrow(() -> new NotFoundException("No appeal #" + appealId));
        ActionRow a = rows.findAction(appeal.actionId()).orElseThrow();
        rows.lockPartner(a.partner());
        if (appeal.appealStatus() != AppealStatus.OPEN) {
            throw new ConflictException("Appeal #" + appealId + " was already decided: " + appeal.status());
        }
        boolean tookIt = rows.votes(a.id()).stream()
                .anyMatch(v -> v.voterId().equals(by.id()) && v.decision().equals("APPROVE"));
        if (tookIt || a.proposedBy().equals(by.id())) {
            throw new ForbiddenException(
                    "You took part in action #" + a.id() + "; an approver who did not must decide the appeal");
        }
        Instant now = clock.instant();
        if (!rows.decideAppeal(appealId, uphold ? AppealStatus.UPHELD : AppealStatus.DENIED, by.id(), note, now)) {
            throw new ConflictException("Appeal #" + appealId + " was decided meanwhile");
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("action", a.id());
        if (note != null) {
            details.put("note", note);
        }
        audit.record(
                by,
                uphold ? "APPEAL_UPHELD" : "APPEAL_DENIED",
                "appeal",
                String.valueOf(appealId),
                a.partner(),
                details);
        if (uphold && a.actionStatus() == ActionStatus.APPLIED) {
            Effect undone = a.effect() == null ? new Effect(List.of(), List.of(), null, List.of()) : undo(a, by);
            update(rows.findAction(a.id()).orElseThrow(), ActionStatus.REVERSED, null, null, null, now);
            audit.record(
                    by, "ACTION_REVERSED", "action", String.valueOf(a.id()), a.partner(), Effects.describe(undone));
        }
        return appealView(rows.findAppeal(appealId).orElseThrow());
    }

    private @Nullable Instant appealableUntil(ActionRow a, Instant now) {
        OffsetDateTime applied = a.appliedAt();
        if (applied == null || a.actionStatus() != ActionStatus.APPLIED || a.actionOrigin() == Origin.LIFT) {
            return null;
        }
        int days = policies.inForce().inForceAt(now).enforcement().appealWindowDays();
        return applied.toInstant().plus(Duration.ofDays(days));
    }

    // ---- Reading ----------------------------------------------------------------------------------

    /** Cases, newest first; a partner's actor sees only its own. */
    @Transactional(readOnly = true)
    public Page<CaseView> cases(
            @Nullable PartnerId partner,
            @Nullable CaseStatus status,
            @Nullable String rule,
            @Nullable String app,
            Paging paging,
            Actor actor) {
        PartnerId owner = actor.isPartner() ? actor.partner() : partner;
        if (partner != null && !actor.canSee(partner)) {
            return Page.of(List.of(), paging, 0);
        }
        SqlFilter f = new SqlFilter()
                .when(owner == null ? null : owner.value(), "partner_id = :partner", "partner")
                .when(status == null ? null : status.name(), "status = :status", "status")
                .when(rule, "rule = :rule", "rule");
        if (app != null) {
            f.clause(
                    "((subject_type = 'app' and subject_id = :app) or (subject_type = 'listing' and subject_id like :appPrefix))",
                    Map.of("app", app, "appPrefix", app.replace("%", "").replace("_", "\\_") + "/%"));
        }
        return Page.of(
                rows.cases(f, paging).stream().map(c -> caseView(c, null)).toList(), paging, rows.countCases(f));
    }

    @Transactional(readOnly = true)
    public CaseView getCase(long id, Actor actor) {
        CaseRow c = visibleCase(id, actor);
        List<ActionView> actions = rows.actionsOf(id).stream()
                .filter(a -> shown(a, actor))
                .map(a -> actionView(a, actor))
                .toList();
        return caseView(c, actions);
    }

    /** Actions, newest first: the approval queue with {@code status=PROPOSED}. Partners see only actions taken. */
    @Transactional(readOnly = true)
    public Page<ActionView> actions(
            @Nullable PartnerId partner, @Nullable ActionStatus status, Paging paging, Actor actor) {
        if (partner != null && !actor.canSee(partner)) {
            return Page.of(List.of(), paging, 0);
        }
        PartnerId owner = actor.isPartner() ? actor.partner() : partner;
        SqlFilter f = new SqlFilter()
                .when(owner == null ? null : owner.value(), "partner_id = :partner", "partner")
                .when(status == null ? null : status.name(), "status = :status", "status");
        if (actor.isPartner()) {
            f.always("status in ('APPLIED', 'LIFTED', 'REVERSED')");
        }
        return Page.of(
                rows.actions(f, paging).stream().map(a -> actionView(a, actor)).toList(), paging, rows.countActions(f));
    }

    @Transactional(readOnly = true)
    public ActionView getAction(long id, Actor actor) {
        return actionView(visibleAction(id, actor), actor);
    }

    @Transactional(readOnly = true)
    public Page<AppealView> appeals(
            @Nullable PartnerId partner, @Nullable AppealStatus status, Paging paging, Actor actor) {
        if (partner != null && !actor.canSee(partner)) {
            return Page.of(List.of(), paging, 0);
        }
        PartnerId owner = actor.isPartner() ? actor.partner() : partner;
        SqlFilter f = new SqlFilter()
                .when(owner == null ? null : owner.value(), "partner_id = :partner", "partner")
                .when(status == null ? null : status.name(), "status = :status", "status");
        return Page.of(
                rows.appeals(f, paging).stream().map(Enforcement::appealView).toList(), paging, rows.countAppeals(f));
    }

    // A partner sees its own cases; of actions, only those taken (not proposals or votes).
    private CaseRow visibleCase(long id, Actor actor) {
        return rows.findCase(id)
                .filter(c -> actor.canSee(c.partner()))
                .orElseThrow(() -> new NotFoundException("No case #" + id));
    }

    private ActionRow visibleAction(long id, Actor actor) {
        return rows.findAction(id)
                .filter(a -> actor.canSee(a.partner()) && shown(a, actor))
                .orElseThrow(() -> new NotFoundException("No action #" + id));
    }

    private static boolean shown(ActionRow a, Actor actor) {
        if (!actor.isPartner()) {
            return true;
        }
        ActionStatus s = a.actionStatus();
        return s == ActionStatus.APPLIED || s == ActionStatus.LIFTED || s == ActionStatus.REVERSED;
    }

    private CaseView caseView(CaseRow c, @Nullable List<ActionView> actions) {
        return new CaseView(
                c.id(),
                c.rule(),
                new SubjectView(c.subjectType(), c.subjectId(), c.partnerId()),
                c.caseStatus(),
                c.beganAt().toInstant(),
                c.openedAt().toInstant(),
                instant(c.resolvedAt()),
                instant(c.closedAt()),
                c.severity(),
                c.evidence(),
                c.policyVersion(),
                actions);
    }

    private ActionView actionView(ActionRow a, Actor actor) {
        CaseRow c = rows.findCase(a.caseId()).orElseThrow();
        List<VoteRow> votes = rows.votes(a.id());
        int approvals =
                (int) votes.stream().filter(v -> v.decision().equals("APPROVE")).count();
        return new ActionView(
                a.id(),
                a.caseId(),
                c.rule(),
                new SubjectView(c.subjectType(), c.subjectId(), c.partnerId()),
                a.actionOrigin(),
                a.action(),
                a.step(),
                a.actionStatus(),
                a.proposedAt().toInstant(),
                actor.isPartner() ? "operator" : a.proposedBy(),
                a.dueAt().toInstant(),
                a.reason(),
                a.justification() == null ? null : Justification.valueOf(a.justification()),
                a.approvalsRequired(),
                approvals,
                instant(a.decidedAt()),
                instant(a.appliedAt()),
                a.effect() == null ? null : Effect.parse(a.effect()),
                a.liftsActionId(),
                instant(a.undoneAt()),
                appealableUntil(a, clock.instant()),
                actor.isPartner()
                        ? null
                        : votes.stream()
                                .map(v -> new VoteView(
                                        v.voterId(), v.voterName(), v.decision(), v.comment(), v.at().toInstant()))
                                .toList(),
                rows.appealsOf(a.id()).stream().map(Enforcement::appealView).toList());
    }

    private static AppealView appealView(AppealRow p) {
        return new AppealView(
                p.id(),
                p.actionId(),
                p.partnerId(),
                p.appealStatus(),
                p.grounds(),
                p.filedBy(),
                p.filedAt().toInstant(),
                p.decidedBy(),
                instant(p.decidedAt()),
                p.decisionNote());
    }

    private static @Nullable Instant instant(@Nullable OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    static Subject subject(CaseRow c) {
        PartnerId partner = c.partner();
        switch (c.subjectType()) {
            case "partner":
                return new Subject.Partner(partner);
            case "app":
                return new Subject.App(AppKey.of(c.subjectId()), partner);
            case "program":
                return new Subject.Program(c.subjectId(), partner);
            case "listing":
                int slash = c.subjectId().lastIndexOf('/');
                return new Subject.Listing(
                        AppKey.of(c.subjectId().substring(0, slash)),
                        Hosting.valueOf(c.subjectId().substring(slash + 1)),
                        partner);
            default:
                throw new IllegalStateException("unknown subject type " + c.subjectType());
        }
    }

    private static void requirePerson(Actor by) {
        if (by.kind() != Actor.Kind.USER) {
            throw new ForbiddenException("Only a signed-in person can decide on enforcement; API clients cannot");
        }
    }

    /** The text, refused when missing or blank with what the person should say instead. */
    private static String requireText(String problem, String field, @Nullable String text, String whatToSay) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException(problem, List.of(new FieldError(field, whatToSay)));
        }
        return text;
    }

    private static void checkLength(String field, @Nullable String text, int max) {
        if (text != null && text.length() > max) {
            throw new InvalidInputException(
                    "invalid request", List.of(new FieldError(field, "is longer than " + max + " characters")));
        }
    }
}
