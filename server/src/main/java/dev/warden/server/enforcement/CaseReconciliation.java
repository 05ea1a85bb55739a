package dev.warden.server.enforcement;

import dev.warden.core.catalog.App;
import dev.warden.core.catalog.Partner;
import dev.warden.core.catalog.PartnerId;
import dev.warden.core.compliance.Breaches;
import dev.warden.core.compliance.Facts;
import dev.warden.core.compliance.Rules;
import dev.warden.core.compliance.Violation;
import dev.warden.core.enforcement.ActionStatus;
import dev.warden.core.enforcement.CaseAction;
import dev.warden.core.enforcement.CaseStatus;
import dev.warden.core.enforcement.Command;
import dev.warden.core.enforcement.OpenCase;
import dev.warden.core.enforcement.Origin;
import dev.warden.core.enforcement.Proposal;
import dev.warden.core.enforcement.Reconciler;
import dev.warden.core.policy.PolicyVersion;
import dev.warden.core.policy.PolicyVersions;
import dev.warden.core.tickets.TicketClock;
import dev.warden.core.time.Instants;
import dev.warden.server.audit.AuditTrail;
import dev.warden.server.catalog.Apps;
import dev.warden.server.catalog.Partners;
import dev.warden.server.enforcement.CaseRows.ActionRow;
import dev.warden.server.enforcement.CaseRows.CaseRow;
import dev.warden.server.enforcement.CaseRows.NewAction;
import dev.warden.server.enforcement.EnforcementViews.EvaluationSummary;
import dev.warden.server.obligations.ObligationFacts;
import dev.warden.server.policy.Policies;
import dev.warden.server.shared.StatisticsRows;
import dev.warden.server.tickets.Tickets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs the compliance rules over a partner's stored facts and brings its cases in line with what they
 * find. What to change is decided by core's {@link Reconciler}; this class loads the facts and the
 * cases, applies the commands, and audits each.
 *
 * <p>After {@code warden.enforcement.analyze-after} (1,000) new or reopened cases and proposals, and
 * again after twice as many since, and so on, an evaluation refreshes the database's planner statistics.
 * The first evaluation of a large marketplace opens tens of thousands of cases in tables the database
 * last saw empty, and PostgreSQL goes on scanning them whole, with plans it made for a few rows, until
 * they are analyzed; its autovacuum may take minutes to get there, or be off.
 */
@Service
public class CaseReconciliation {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(CaseReconciliation.class);

    private final CaseRows rows;
    private final CaseLedger ledger;
    private final Partners partners;
    private final Apps apps;
    private final Tickets tickets;
    private final Policies policies;
    private final ObligationFacts obligations;
    private final AuditTrail audit;
    private final EvaluationFailures failures;
    private final Clock clock;
    private final TransactionTemplate ownTransaction;
    private final EnforcementCases cases;
    private final StatisticsRows statistics;
    private final PartnerEvaluationRows evaluations;
    private final int analyzeAfter;

    CaseReconciliation(
            CaseRows rows,
            CaseLedger ledger,
            Partners partners,
            Apps apps,
            Tickets tickets,
            Policies policies,
            ObligationFacts obligations,
            AuditTrail audit,
            EvaluationFailures failures,
            Clock clock,
            PlatformTransactionManager transactions,
            EnforcementCases cases,
            StatisticsRows statistics,
            PartnerEvaluationRows evaluations,
            @Value("${warden.enforcement.analyze-after:1000}") int analyzeAfter) {
        this.cases = cases;
        this.statistics = statistics;
        this.evaluations = evaluations;
        if (analyzeAfter < 1) {
            throw new IllegalArgumentException("warden.enforcement.analyze-after must be at least 1: " + analyzeAfter);
        }
        this.analyzeAfter = analyzeAfter;
        this.rows = rows;
        this.ledger = ledger;
        this.partners = partners;
        this.apps = apps;
        this.tickets = tickets;
        this.policies = policies;
        this.obligations = obligations;
        this.audit = audit;
        this.failures = failures;
        this.clock = clock;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

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
        final List<String> failed = new ArrayList<>();

        void add(Counts one) {
            partners += one.partners;
            violations += one.violations;
            opened += one.opened;
            reopened += one.reopened;
            refreshed += one.refreshed;
            resolved += one.resolved;
            closed += one.closed;
            proposed += one.proposed;
            withdrawn += one.withdrawn;
            skipped += one.skipped;
        }

        EvaluationSummary summary(Instant asOf, String policy) {
            return new EvaluationSummary(
                    asOf,
                    policy,
                    partners,
                    violations,
                    opened,
                    reopened,
                    refreshed,
                    resolved,
                    closed,
                    proposed,
                    withdrawn,
                    skipped,
                    List.copyOf(failed));
        }
    }

    /**
     * Evaluates the rules for one partner, or for every partner when {@code only} is null, each
     * partner in its own transaction, and reconciles cases with what they find. A partner whose
     * evaluation fails is rolled back, logged under an incident id, listed as failed and recorded
     * ({@link EvaluationFailures}: shown in the console, tried again with growing pauses); the others
     * are evaluated all the same, so one partner's data can never switch enforcement off for the rest.
     */
    public EvaluationSummary evaluate(@Nullable PartnerId only) {
        return evaluate(only == null ? null : List.of(only.value()), () -> false);
    }

    /**
     * Evaluates every partner, as {@link #evaluate}, but stops between two partners once {@code stopping}
     * says so (the server is shutting down): the partners not reached are evaluated by the next run.
     * The one in progress finishes first, unless the database closes under it (the embedded H2 does as
     * the process exits): then it is rolled back and logged, not recorded as a failure.
     */
    public EvaluationSummary evaluateAll(BooleanSupplier stopping) {
        return evaluate(null, stopping);
    }

    /** Evaluates the partners whose earlier evaluation failed and whose pause is over. */
    public EvaluationSummary retryFailed() {
        List<String> due = failures.due();
        return evaluate(due, () -> false);
    }

    private EvaluationSummary evaluate(@Nullable List<String> only, BooleanSupplier stopping) {
        Instant now = clock.instant();
        PolicyVersions versions = policies.inForce();
        PolicyVersion policy = versions.inForceAt(now);
        Counts counts = new Counts();
        Set<String> failing = failures.failing();
        List<String> ids = only == null ? ownTransaction.execute(status -> rows.partnerIds()) : only;
        int written = 0;
        int analyzeAfter = this.analyzeAfter;
        for (String id : ids == null ? List.<String>of() : ids) {
            if (stopping.getAsBoolean()) {
                break;
            }
            int before = counts.opened + counts.reopened + counts.proposed;
            evaluateOne(id, versions, policy, now, failing, counts, stopping);
            written += counts.opened + counts.reopened + counts.proposed - before;
            if (written >= analyzeAfter) {
                statistics.refresh();
                written = 0;
                analyzeAfter *= 2;
            }
        }
        if (counts.opened + counts.reopened + counts.resolved + counts.closed > 0) {
            cases.forget();
        }
        return counts.summary(now, policy.id());
    }

    private void evaluateOne(
            String id,
            PolicyVersions versions,
            PolicyVersion policy,
            Instant now,
            Set<String> failing,
            Counts counts,
            BooleanSupplier stopping) {
        Counts one = new Counts();
        try {
            ownTransaction.executeWithoutResult(
                    status -> evaluatePartner(PartnerId.of(id), versions, policy, now, one));
            counts.add(one);
            if (failing.contains(id)) {
                failures.succeeded(id);
            }
        } catch (RuntimeException e) {
            if (stopping.getAsBoolean()) {
                // The embedded H2 closes its file as the process exits, maybe under this very partner.
                log.info(
                        "evaluating partner {} was cut off by the server's shutdown ({}): rolled back",
                        id,
                        e.toString());
                return;
            }
            counts.failed.add(id);
            String incident = UUID.randomUUID().toString();
            log.error(
                    "evaluating partner {} failed (incident {}); the other partners are evaluated all the same",
                    id,
                    incident,
                    e);
            failures.failed(id, incident, e);
        }
    }

    private void evaluatePartner(
            PartnerId id, PolicyVersions versions, PolicyVersion policy, Instant now, Counts counts) {
        if (!rows.lockPartner(id)) {
            return; // gone meanwhile (a failure recorded for it is cleared as a success)
        }
        evaluations.evaluated(id, now);
        Partner partner = partners.get(id).value();
        List<App> owned = apps.ofPartner(id);
        Breaches breaches = new Breaches();
        tickets.forEachThatCounts(id, now, t -> TicketClock.at(t, versions, now).ifPresent(breaches::add));
        List<Violation> violations =
                Rules.evaluate(new Facts(now, List.of(partner), owned, breaches, obligations.forRules(id)), policy);
        counts.partners++;
        counts.violations += violations.size();

        Map<String, Long> caseIds = new HashMap<>();
        List<OpenCase> active = openCases(id, caseIds);
        for (Command command : Reconciler.reconcile(violations, active, policy, now)) {
            apply(command, id, caseIds, now, counts);
        }
    }

    private List<OpenCase> openCases(PartnerId partner, Map<String, Long> caseIds) {
        List<CaseRow> cases = rows.activeCases(partner);
        Map<Long, List<CaseAction>> actions = new HashMap<>();
        for (ActionRow a : rows.actionsOf(cases.stream().map(CaseRow::id).toList())) {
            actions.computeIfAbsent(a.caseId(), k -> new ArrayList<>()).add(CaseLedger.caseAction(a));
        }
        List<OpenCase> open = new ArrayList<>();
        for (CaseRow c : cases) {
            OpenCase o = new OpenCase(
                    c.id(),
                    c.rule(),
                    c.subjectType(),
                    c.subjectId(),
                    c.caseStatus(),
                    c.beganAt().toInstant(),
                    c.severity(),
                    c.evidence(),
                    c.policyVersion(),
                    actions.getOrDefault(c.id(), List.of()));
            caseIds.put(o.key(), c.id());
            open.add(o);
        }
        return open;
    }

    // Commands are a closed set decided in core; Java 17 has no pattern switch, so an if-chain.
    private void apply(Command command, PartnerId partner, Map<String, Long> caseIds, Instant now, Counts counts) {
        if (command instanceof Command.Open c) {
            Violation v = c.violation();
            long id = rows.insertCase(
                    v.rule(),
                    v.subject().type(),
                    v.subject().id(),
                    partner,
                    c.caseKey(),
                    c.began(),
                    now,
                    v.severity().name(),
                    v.evidence(),
                    v.policyVersion());
            caseIds.put(c.caseKey(), id);
            auditCase(
                    "CASE_OPENED",
                    id,
                    partner,
                    Map.of(
                            "rule", v.rule(),
                            "subject", v.subject().type() + ":" + v.subject().id(),
                            "since", Instants.format(c.began()),
                            "evidence", v.evidence()));
            counts.opened++;
        } else if (command instanceof Command.Reopen c) {
            rows.setCaseStatus(c.caseId(), CaseStatus.OPEN, now);
            auditCase(
                    "CASE_REOPENED",
                    c.caseId(),
                    partner,
                    Map.of(
                            "rule",
                            c.violation().rule(),
                            "evidence",
                            c.violation().evidence()));
            counts.reopened++;
        } else if (command instanceof Command.Refresh c) {
            Violation v = c.violation();
            rows.refreshCase(c.caseId(), v.severity().name(), v.evidence(), v.policyVersion(), now);
            counts.refreshed++;
        } else if (command instanceof Command.Propose c) {
            step(caseIds.get(c.caseKey()), partner, c.proposal(), null, now);
            counts.proposed++;
        } else if (command instanceof Command.Skip c) {
            step(caseIds.get(c.caseKey()), partner, c.proposal(), c.why(), now);
            counts.skipped++;
        } else if (command instanceof Command.Withdraw c) {
            ledger.withdraw(c.actionId(), c.why(), now);
            counts.withdrawn++;
        } else if (command instanceof Command.Resolve c) {
            rows.setCaseStatus(c.caseId(), CaseStatus.RESOLVED, now);
            auditCase(
                    "CASE_RESOLVED",
                    c.caseId(),
                    partner,
                    Map.of("rule", c.rule(), "subject", c.subject(), "inEffect", c.inEffect()));
            counts.resolved++;
        } else if (command instanceof Command.ProposeLift c) {
            ledger.proposeLift(c.caseId(), partner, c.lifts(), CaseLedger.EVALUATOR, c.why(), now);
            counts.proposed++;
        } else if (command instanceof Command.Close c) {
            ledger.close(c.caseId(), partner, now, c.why());
            counts.closed++;
        } else {
            throw new IllegalStateException("unknown command " + command);
        }
    }

    /** Records a ladder step: proposed, or skipped for {@code skippedWhy}. */
    private void step(@Nullable Long caseId, PartnerId partner, Proposal p, @Nullable String skippedWhy, Instant now) {
        boolean skipped = skippedWhy != null;
        if (caseId == null) {
            throw new IllegalStateException("a step for a case that was not opened: " + p);
        }
        ledger.propose(
                new NewAction(
                        caseId,
                        partner,
                        Origin.LADDER,
                        p.action().name(),
                        p.step(),
                        skipped ? ActionStatus.SKIPPED : ActionStatus.PROPOSED,
                        now,
                        CaseLedger.EVALUATOR.id(),
                        p.dueAt(),
                        skippedWhy != null ? skippedWhy : p.reason(),
                        null,
                        p.approvalsRequired(),
                        null),
                CaseLedger.EVALUATOR,
                skipped ? "ACTION_SKIPPED" : "ACTION_PROPOSED",
                Map.of(
                        "case", caseId,
                        "action", p.action().name(),
                        "step", p.step(),
                        "approvalsRequired", p.approvalsRequired()));
    }

    private void auditCase(String action, long caseId, PartnerId partner, Map<String, Object> details) {
        audit.record(CaseLedger.EVALUATOR, action, "case", String.valueOf(caseId), partner, details);
    }
}
