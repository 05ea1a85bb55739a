package dev.warden.server.enforcement;

import dev.warden.core.catalog.PartnerId;
import dev.warden.core.enforcement.ActionStatus;
import dev.warden.core.enforcement.AppealStatus;
import dev.warden.core.enforcement.CaseStatus;
import dev.warden.core.enforcement.EnforcementCase;
import dev.warden.core.enforcement.Justification;
import dev.warden.core.enforcement.Origin;
import dev.warden.core.enforcement.Reconciler;
import dev.warden.core.validation.FieldError;
import dev.warden.core.validation.InvalidInputException;
import dev.warden.server.audit.AuditTrail;
import dev.warden.server.enforcement.CaseRows.ActionRow;
import dev.warden.server.enforcement.CaseRows.CaseRow;
import dev.warden.server.enforcement.CaseRows.VoteRow;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.Change;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The enforcement history as the snapshot carries it (docs/snapshot-format.md): every case with its
 * actions, votes, appeals, outreach and termination review, exported whole and imported under the same
 * numbers into an instance that does not hold them yet. A case already here is left alone when the
 * document's copy is the same, and refused when it differs: history is not rewritten by an import.
 */
@Service
public class EnforcementHistory {
    private static final JsonMapper EFFECTS = JsonMapper.shared();
    /** The most characters of an effect as JSON: the size of its column. */
    static final int MAX_EFFECT = 1_000_000;

    private final HistoryRows rows;
    private final AuditTrail audit;
    private final Clock clock;
    private final TransactionTemplate separately;

    EnforcementHistory(HistoryRows rows, AuditTrail audit, Clock clock, PlatformTransactionManager transactions) {
        this.rows = rows;
        this.audit = audit;
        this.clock = clock;
        this.separately = new TransactionTemplate(transactions);
        this.separately.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Every case, by id, with its whole history. Runs in the caller's transaction. */
    public List<EnforcementCase> all() {
        return read(null);
    }

    private List<EnforcementCase> read(@Nullable Long only) {
        Map<Long, List<VoteRow>> votes = rows.votes(only).stream()
                .collect(Collectors.groupingBy(VoteRow::actionId, LinkedHashMap::new, Collectors.toList()));
        Map<Long, List<AppealRows.AppealRow>> appeals = rows.appeals(only).stream()
                .collect(
                        Collectors.groupingBy(AppealRows.AppealRow::actionId, LinkedHashMap::new, Collectors.toList()));
        Map<Long, List<EnforcementCase.Action>> actions = new LinkedHashMap<>();
        for (ActionRow a : rows.actions(only)) {
            actions.computeIfAbsent(a.caseId(), k -> new ArrayList<>())
                    .add(action(a, votes.getOrDefault(a.id(), List.of()), appeals.getOrDefault(a.id(), List.of())));
        }
        Map<Long, List<EnforcementCase.Outreach>> outreach = new LinkedHashMap<>();
        for (OutreachRows.Row o : rows.outreach(only)) {
            outreach.computeIfAbsent(o.caseId(), k -> new ArrayList<>())
                    .add(new EnforcementCase.Outreach(
                            o.id(),
                            o.channel(),
                            o.reachedAt().toInstant(),
                            o.reference(),
                            o.summary(),
                            o.recordedBy(),
                            o.answer(),
                            instant(o.answeredAt())));
        }
        Map<Long, EnforcementCase.TerminationReview> reviews = new LinkedHashMap<>();
        for (TerminationReviewRows.Row r : rows.reviews(only)) {
            reviews.put(
                    r.caseId(),
                    new EnforcementCase.TerminationReview(
                            r.reviewedBy(),
                            r.reviewedOn(),
                            r.outcome(),
                            r.migrationDays(),
                            instant(r.migrationUntil())));
        }
        List<EnforcementCase> out = new ArrayList<>();
        for (CaseRow c : rows.cases(only)) {
            out.add(new EnforcementCase(
                    c.id(),
                    c.rule(),
                    c.subjectType(),
                    c.subjectId(),
                    c.partner(),
                    c.caseStatus(),
                    c.beganAt().toInstant(),
                    c.openedAt().toInstant(),
                    instant(c.resolvedAt()),
                    instant(c.closedAt()),
                    c.severity(),
                    c.evidence(),
                    c.policyVersion(),
                    actions.getOrDefault(c.id(), List.of()),
                    outreach.getOrDefault(c.id(), List.of()),
                    reviews.get(c.id())));
        }
        return out;
    }

    private static EnforcementCase.Action action(ActionRow a, List<VoteRow> votes, List<AppealRows.AppealRow> appeals) {
        String effect = a.effect();
        return new EnforcementCase.Action(
                a.id(),
                a.actionOrigin(),
                a.action(),
                a.step(),
                a.actionStatus(),
                a.proposedAt().toInstant(),
                a.proposedBy(),
                a.dueAt().toInstant(),
                a.reason(),
                a.justification() == null ? null : Justification.valueOf(a.justification()),
                a.approvalsRequired(),
                instant(a.decidedAt()),
                instant(a.appliedAt()),
                effect == null ? null : EFFECTS.readValue(effect, EnforcementCase.Effect.class),
                a.liftsActionId(),
                instant(a.undoneAt()),
                votes.stream()
                        .map(v -> new EnforcementCase.Vote(
                                v.voterId(), v.voterName(), v.decision(), v.comment(), v.at().toInstant()))
                        .toList(),
                appeals.stream()
                        .map(p -> new EnforcementCase.Appeal(
                                p.id(),
                                AppealStatus.valueOf(p.status()),
                                p.grounds(),
                                p.filedBy(),
                                p.filedAt().toInstant(),
                                p.decidedBy(),
                                instant(p.decidedAt()),
                                p.decisionNote()))
                        .toList());
    }

    /**
     * Writes a case of a document under its own numbers, in the caller's transaction: created when no case
     * has its id, unchanged when the one here is the same.
     *
     * @param at where the case is in the document, for errors
     * @throws InvalidInputException when a case here has its id and a different history, or its numbers
     *     or its active rule and subject are taken by another case
     */
    public Change upsert(EnforcementCase c, String at, Actor actor) {
        List<EnforcementCase> here = read(c.id());
        if (!here.isEmpty()) {
            if (here.get(0).equals(c)) {
                return Change.UNCHANGED;
            }
            throw new InvalidInputException(
                    at + "/id",
                    "case " + c.id() + " is already in Warden with a different history; an import adds history,"
                            + " it does not rewrite it");
        }
        List<FieldError> taken = new ArrayList<>();
        for (int i = 0; i < c.actions().size(); i++) {
            EnforcementCase.Effect effect = c.actions().get(i).effect();
            if (effect != null && EFFECTS.writeValueAsString(effect).length() > MAX_EFFECT) {
                taken.add(new FieldError(
                        at + "/actions/" + i + "/effect", "is longer than " + MAX_EFFECT + " characters as JSON"));
            }
        }
        String key = c.status() == CaseStatus.CLOSED ? null : Reconciler.key(c.rule(), c.subjectType(), c.subjectId());
        if (key != null && rows.activeKeyTaken(key)) {
            taken.add(new FieldError(
                    at,
                    "another case for " + c.rule() + " on " + c.subjectType() + " '" + c.subjectId()
                            + "' is active in Warden"));
        }
        List<Long> actionIds =
                c.actions().stream().map(EnforcementCase.Action::id).toList();
        if (rows.anyAction(actionIds)) {
            taken.add(new FieldError(at + "/actions", "an action number of this case is taken in Warden"));
        }
        if (rows.anyAppeal(c.actions().stream()
                .flatMap(a -> a.appeals().stream())
                .map(EnforcementCase.Appeal::id)
                .toList())) {
            taken.add(new FieldError(at + "/actions", "an appeal number of this case is taken in Warden"));
        }
        if (rows.anyOutreach(
                c.outreach().stream().map(EnforcementCase.Outreach::id).toList())) {
            taken.add(new FieldError(at + "/outreach", "an outreach number of this case is taken in Warden"));
        }
        if (!taken.isEmpty()) {
            throw new InvalidInputException("the enforcement history cannot be added", taken);
        }
        String partner = c.partner().value();
        rows.insert(c, key, clock.instant());
        // Lifts name the actions they undo, which come first in id order.
        for (EnforcementCase.Action a : c.actions().stream()
                .sorted(java.util.Comparator.comparingLong(EnforcementCase.Action::id))
                .toList()) {
            rows.insert(c.id(), partner, a, a.effect() == null ? null : EFFECTS.writeValueAsString(a.effect()));
            for (EnforcementCase.Vote v : a.votes()) {
                rows.insert(a.id(), v);
            }
            for (EnforcementCase.Appeal p : a.appeals()) {
                rows.insert(a.id(), partner, p);
            }
        }
        for (EnforcementCase.Outreach o : c.outreach()) {
            rows.insert(c.id(), partner, o);
        }
        if (c.terminationReview() != null) {
            rows.insert(c.id(), Objects.requireNonNull(c.terminationReview()));
        }
        audit.record(
                actor,
                "CASE_IMPORTED",
                "case",
                String.valueOf(c.id()),
                PartnerId.of(partner),
                Map.of(
                        "rule", c.rule(),
                        "subject", c.subjectType() + ":" + c.subjectId(),
                        "status", c.status().name(),
                        "actions", c.actions().size(),
                        "inEffect",
                                c.actions().stream()
                                        .filter(a -> a.status() == ActionStatus.APPLIED && a.origin() != Origin.LIFT)
                                        .count()));
        afterCommitRestartIds();
        return Change.CREATED;
    }

    /**
     * Once the import has committed, moves the id generators past the imported numbers (a separate step:
     * on H2 a change of a table's definition ends the transaction it runs in).
     */
    private void afterCommitRestartIds() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            rows.restartIds();
            return;
        }
        boolean registered =
                TransactionSynchronizationManager.getSynchronizations().stream().anyMatch(s -> s instanceof RestartIds);
        if (!registered) {
            TransactionSynchronizationManager.registerSynchronization(new RestartIds());
        }
    }

    private final class RestartIds implements TransactionSynchronization {
        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
        }

        @Override
        public void afterCommit() {
            separately.executeWithoutResult(status -> rows.restartIds());
        }
    }

    private static java.time.@Nullable Instant instant(@Nullable OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }
}
