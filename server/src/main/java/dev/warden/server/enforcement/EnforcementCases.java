package dev.warden.server.enforcement;

import dev.warden.core.catalog.AppKey;
import dev.warden.core.catalog.Hosting;
import dev.warden.core.catalog.PartnerId;
import dev.warden.core.compliance.Subject;
import dev.warden.core.enforcement.ActionStatus;
import dev.warden.core.enforcement.AppealStatus;
import dev.warden.core.enforcement.Approvals;
import dev.warden.core.enforcement.CaseStatus;
import dev.warden.core.enforcement.Justification;
import dev.warden.core.policy.EnforcementAction;
import dev.warden.server.enforcement.AppealRows.AppealRow;
import dev.warden.server.enforcement.CaseRows.ActionRow;
import dev.warden.server.enforcement.CaseRows.CaseRow;
import dev.warden.server.enforcement.CaseRows.VoteRow;
import dev.warden.server.enforcement.EnforcementViews.ActionView;
import dev.warden.server.enforcement.EnforcementViews.AppealView;
import dev.warden.server.enforcement.EnforcementViews.CaseView;
import dev.warden.server.enforcement.EnforcementViews.SubjectView;
import dev.warden.server.enforcement.EnforcementViews.VoteView;
import dev.warden.server.policy.Policies;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.KeptFigures;
import dev.warden.server.shared.NotFoundException;
import dev.warden.server.shared.Page;
import dev.warden.server.shared.Paging;
import dev.warden.server.shared.PartnerScope;
import dev.warden.server.shared.SqlFilter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Reading cases, actions and appeals. A partner's actor sees only its own partner's cases and, of
 * actions, only those taken (no proposals, votes or the names of operator staff); anything else looks
 * like it does not exist.
 */
@Service
public class EnforcementCases {
    private final CaseRows rows;
    private final AppealRows appealRows;
    private final Policies policies;
    private final Clock clock;
    private final KeptFigures kept;

    /**
     * {@code keepFor}: how long the open cases and the proposals counted for the home page are kept before
     * they are counted again (like the ticket figures, {@code warden.tickets.summary-max-age}); an
     * evaluation on this node that opens, resolves or closes a case, and a proposal made or moved on, has
     * them counted again at once.
     */
    EnforcementCases(
            CaseRows rows,
            AppealRows appealRows,
            Policies policies,
            Clock clock,
            @Value("${warden.tickets.summary-max-age:30s}") Duration keepFor) {
        this.rows = rows;
        this.appealRows = appealRows;
        this.policies = policies;
        this.clock = clock;
        this.kept = new KeptFigures(keepFor);
    }

    /** The cases and proposals counted may be wrong now. */
    void forget() {
        kept.changed();
    }

    /**
     * A figure about the cases or proposals under {@code key}, kept as the home page's are and counted
     * again after a change on this node (the approval queue's counts by action).
     */
    <T> T kept(String key, java.util.function.Supplier<T> count) {
        return kept.get(key, count);
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(ActionApplied applied) {
        forget();
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(ActionProposed proposed) {
        forget();
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(ActionMoved moved) {
        forget();
    }

    /** Cases, newest first. */
    @Transactional(readOnly = true)
    public Page<CaseView> cases(
            @Nullable PartnerId partner,
            @Nullable CaseStatus status,
            @Nullable String rule,
            @Nullable String app,
            Paging paging,
            Actor actor) {
        SqlFilter f = filter(partner, status, actor);
        if (f == null) {
            return Page.of(List.of(), paging, 0);
        }
        f.when(rule, "rule = :rule", "rule");
        if (app != null) {
            f.clause(
                    "((subject_type = 'app' and subject_id = :app) or (subject_type = 'listing' and subject_id like :appPrefix))",
                    Map.of("app", app, "appPrefix", app.replace("%", "").replace("_", "\\_") + "/%"));
        }
        return Page.of(
                rows.cases(f, paging).stream().map(c -> caseView(c, null)).toList(), paging, rows.countCases(f));
    }

    /**
     * The open cases the actor may see, counted by rule and by partner in one query: all of them,
     * however many (the home page's "violations by rule" and "partners most out of compliance").
     */
    @Transactional(propagation = Propagation.SUPPORTS) // no connection taken when the counts are kept
    public OpenCases openCases(Actor actor) {
        String scope = PartnerScope.of(null, actor).value();
        return kept.get("open/" + (scope == null ? "" : scope), () -> countOpen(actor));
    }

    /**
     * The newest {@code n} proposals awaiting approval, with how many there are (the home page's): the
     * proposals are read, their number is kept as the open cases are.
     */
    @Transactional(readOnly = true)
    public Page<ActionView> awaiting(int n, Actor actor) {
        SqlFilter f = filter(null, ActionStatus.PROPOSED, actor);
        Paging first = new Paging(0, n);
        if (f == null || actor.isPartner()) {
            return Page.of(List.of(), first, 0); // partners never see proposals
        }
        String scope = PartnerScope.of(null, actor).value();
        long total = kept.get("proposed/" + (scope == null ? "" : scope), () -> rows.countActions(f));
        return Page.of(actionViews(rows.actions(f, first), actor), first, total);
    }

    private OpenCases countOpen(Actor actor) {
        SqlFilter f = filter(null, CaseStatus.OPEN, actor);
        Map<String, Long> byRule = new java.util.TreeMap<>();
        Map<String, Long> byPartner = new java.util.HashMap<>();
        for (CaseRows.CaseCount c : f == null ? List.<CaseRows.CaseCount>of() : rows.countByRuleAndPartner(f)) {
            byRule.merge(c.rule(), c.cases(), Long::sum);
            byPartner.merge(c.partnerId(), c.cases(), Long::sum);
        }
        return new OpenCases(byRule, byPartner);
    }

    @Transactional(readOnly = true)
    public CaseView getCase(long id, Actor actor) {
        CaseRow c = visibleCase(id, actor);
        List<ActionView> actions = actionViews(
                rows.actionsOf(id).stream().filter(a -> shown(a, actor)).toList(), actor);
        return caseView(c, actions);
    }

    /**
     * Actions, newest first: the approval queue with {@code status=PROPOSED}; {@code action} and the
     * case's {@code rule} narrow them too.
     */
    @Transactional(readOnly = true)
    public Page<ActionView> actions(
            @Nullable PartnerId partner,
            @Nullable ActionStatus status,
            @Nullable EnforcementAction action,
            @Nullable String rule,
            Paging paging,
            Actor actor) {
        SqlFilter f = filter(partner, status, actor);
        if (f == null) {
            return Page.of(List.of(), paging, 0);
        }
        f.when(action, "action = :action", "action")
                .when(rule, "case_id in (select id from enforcement_cases where rule = :rule)", "rule");
        if (actor.isPartner()) {
            f.always("status in " + SHOWN_TO_PARTNERS);
        }
        return Page.of(actionViews(rows.actions(f, paging), actor), paging, rows.countActions(f));
    }

    @Transactional(readOnly = true)
    public ActionView getAction(long id, Actor actor) {
        return actionView(visibleAction(id, actor), actor);
    }

    @Transactional(readOnly = true)
    public Page<AppealView> appeals(
            @Nullable PartnerId partner, @Nullable AppealStatus status, Paging paging, Actor actor) {
        SqlFilter f = filter(partner, status, actor);
        if (f == null) {
            return Page.of(List.of(), paging, 0);
        }
        return Page.of(
                appealRows.appeals(f, paging).stream()
                        .map(EnforcementCases::appealView)
                        .toList(),
                paging,
                appealRows.countAppeals(f));
    }

    CaseRow visibleCase(long id, Actor actor) {
        return rows.findCase(id)
                .filter(c -> actor.canSee(c.partner()))
                .orElseThrow(() -> new NotFoundException("No case #" + id));
    }

    ActionRow visibleAction(long id, Actor actor) {
        return rows.findAction(id)
                .filter(a -> actor.canSee(a.partner()) && shown(a, actor))
                .orElseThrow(() -> new NotFoundException("No action #" + id));
    }

    AppealRow visibleAppeal(long id, Actor actor) {
        return appealRows
                .findAppeal(id)
                .filter(p -> actor.canSee(PartnerId.of(p.partnerId())))
                .orElseThrow(() -> new NotFoundException("No appeal #" + id));
    }

    /** The SQL list of the action statuses a partner sees, from core's one definition. */
    private static final String SHOWN_TO_PARTNERS = Arrays.stream(ActionStatus.values())
            .filter(ActionStatus::shownToPartner)
            .map(s -> "'" + s.name() + "'")
            .collect(Collectors.joining(", ", "(", ")"));

    // Of actions, a partner sees only those taken: not proposals or votes.
    private static boolean shown(ActionRow a, Actor actor) {
        return !actor.isPartner() || a.actionStatus().shownToPartner();
    }

    /** The filter a list starts from: the actor's partner scope and a status; null when nothing can be shown. */
    private static @Nullable SqlFilter filter(@Nullable PartnerId partner, @Nullable Enum<?> status, Actor actor) {
        PartnerScope scope = PartnerScope.of(partner, actor);
        if (scope.none()) {
            return null;
        }
        return new SqlFilter()
                .when(scope.value(), "partner_id = :partner", "partner")
                .when(status == null ? null : status.name(), "status = :status", "status");
    }

    /** The action as it now stands, as the actor may see it. */
    ActionView action(long id, Actor actor) {
        return actionView(rows.findAction(id).orElseThrow(), actor);
    }

    /** The appeal as it now stands. */
    AppealView appeal(long id) {
        return appealView(appealRows.findAppeal(id).orElseThrow());
    }

    /** Until when the partner may appeal the action, under the policy in force now. */
    @Nullable
    Instant appealableUntil(ActionRow a, Instant now) {
        return Approvals.appealableUntil(
                        a.actionStatus(),
                        a.actionOrigin(),
                        instant(a.appliedAt()),
                        policies.inForce().inForceAt(now))
                .orElse(null);
    }

    static List<Approvals.Vote> ballots(List<VoteRow> votes) {
        return votes.stream()
                .map(v -> new Approvals.Vote(v.voterId(), v.decision().equals(VoteRow.APPROVE)))
                .toList();
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
        return actionViews(List.of(a), actor).get(0);
    }

    /**
     * The actions as the actor may see them, their cases, votes and appeals read in one query each for
     * all of them (one each per action was up to 1,500 queries for the approval queue, 500 proposals).
     */
    List<ActionView> actionViews(List<ActionRow> actions, Actor actor) {
        if (actions.isEmpty()) {
            return List.of();
        }
        List<Long> ids = actions.stream().map(ActionRow::id).toList();
        Map<Long, CaseRow> cases = rows.findCases(
                actions.stream().map(ActionRow::caseId).distinct().toList());
        Map<Long, List<VoteRow>> votes = rows.votesOn(ids).stream().collect(Collectors.groupingBy(VoteRow::actionId));
        Map<Long, List<AppealRow>> appeals =
                appealRows.appealsOf(ids).stream().collect(Collectors.groupingBy(AppealRow::actionId));
        return actions.stream()
                .map(a -> actionView(
                        a,
                        Objects.requireNonNull(cases.get(a.caseId()), "the action's case"),
                        votes.getOrDefault(a.id(), List.of()),
                        appeals.getOrDefault(a.id(), List.of()),
                        actor))
                .toList();
    }

    private ActionView actionView(ActionRow a, CaseRow c, List<VoteRow> votes, List<AppealRow> appeals, Actor actor) {
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
                Approvals.approvals(ballots(votes)),
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
                appeals.stream().map(EnforcementCases::appealView).toList());
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

    /** The subject a stored case is about. */
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
}
