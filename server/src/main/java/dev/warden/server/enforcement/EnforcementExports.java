package dev.warden.server.enforcement;

import dev.warden.server.shared.Exports;
import java.util.List;

/** The columns of the cases and actions exports. */
final class EnforcementExports {
    static final List<Exports.Column<EnforcementViews.CaseView>> CASES = List.of(
            new Exports.Column<>("id", EnforcementViews.CaseView::id),
            new Exports.Column<>("rule", EnforcementViews.CaseView::rule),
            new Exports.Column<>("subjectType", c -> c.subject().type()),
            new Exports.Column<>("subject", c -> c.subject().id()),
            new Exports.Column<>("partner", c -> c.subject().partner()),
            new Exports.Column<>("status", EnforcementViews.CaseView::status),
            new Exports.Column<>("severity", EnforcementViews.CaseView::severity),
            new Exports.Column<>("beganAt", EnforcementViews.CaseView::beganAt),
            new Exports.Column<>("openedAt", EnforcementViews.CaseView::openedAt),
            new Exports.Column<>("resolvedAt", EnforcementViews.CaseView::resolvedAt),
            new Exports.Column<>("closedAt", EnforcementViews.CaseView::closedAt),
            new Exports.Column<>("policyVersion", EnforcementViews.CaseView::policyVersion),
            new Exports.Column<>("evidence", EnforcementViews.CaseView::evidence));

    static final List<Exports.Column<EnforcementViews.ActionView>> ACTIONS = List.of(
            new Exports.Column<>("id", EnforcementViews.ActionView::id),
            new Exports.Column<>("case", EnforcementViews.ActionView::caseId),
            new Exports.Column<>("rule", EnforcementViews.ActionView::rule),
            new Exports.Column<>("subjectType", a -> a.subject().type()),
            new Exports.Column<>("subject", a -> a.subject().id()),
            new Exports.Column<>("partner", a -> a.subject().partner()),
            new Exports.Column<>("action", EnforcementViews.ActionView::action),
            new Exports.Column<>("step", EnforcementViews.ActionView::step),
            new Exports.Column<>("status", EnforcementViews.ActionView::status),
            new Exports.Column<>("origin", EnforcementViews.ActionView::origin),
            new Exports.Column<>("proposedAt", EnforcementViews.ActionView::proposedAt),
            new Exports.Column<>("dueAt", EnforcementViews.ActionView::dueAt),
            new Exports.Column<>("decidedAt", EnforcementViews.ActionView::decidedAt),
            new Exports.Column<>("appliedAt", EnforcementViews.ActionView::appliedAt),
            new Exports.Column<>("undoneAt", EnforcementViews.ActionView::undoneAt),
            new Exports.Column<>("reason", EnforcementViews.ActionView::reason));

    private EnforcementExports() {}
}
