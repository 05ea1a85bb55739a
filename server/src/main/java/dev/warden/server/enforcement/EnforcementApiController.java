package dev.warden.server.enforcement;

import dev.warden.core.catalog.AppKey;
import dev.warden.core.catalog.PartnerId;
import dev.warden.core.enforcement.ActionStatus;
import dev.warden.core.enforcement.AppealStatus;
import dev.warden.core.enforcement.CaseStatus;
import dev.warden.core.policy.EnforcementAction;
import dev.warden.server.enforcement.EnforcementViews.ActionView;
import dev.warden.server.enforcement.EnforcementViews.AppealView;
import dev.warden.server.enforcement.EnforcementViews.CaseView;
import dev.warden.server.enforcement.EnforcementViews.EvaluationSummary;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.Exports;
import dev.warden.server.shared.InvalidParameterException;
import dev.warden.server.shared.Page;
import dev.warden.server.shared.Paging;
import dev.warden.server.shared.Permission;
import dev.warden.server.shared.Requires;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** {@code /api/v1/enforcement}: cases, the approval queue, decisions, escalations and appeals. */
@RestController
@RequestMapping("/api/v1/enforcement")
@Tag(
        name = "Enforcement",
        description = "Violations become cases; cases propose the ladder's steps; people decide; effects are applied"
                + " and lifted")
class EnforcementApiController {
    private final EnforcementCases cases;
    private final EnforcementDecisions decisions;
    private final Escalations escalations;
    private final Appeals appeals;
    private final CaseReconciliation reconciliation;
    private final EvaluationFailures failures;
    private final Clock clock;

    EnforcementApiController(
            EnforcementCases cases,
            EnforcementDecisions decisions,
            Escalations escalations,
            Appeals appeals,
            CaseReconciliation reconciliation,
            EvaluationFailures failures,
            Clock clock) {
        this.clock = clock;
        this.cases = cases;
        this.decisions = decisions;
        this.escalations = escalations;
        this.appeals = appeals;
        this.reconciliation = reconciliation;
        this.failures = failures;
    }

    @GetMapping("/cases")
    @Requires(Permission.ENFORCEMENT_READ)
    @Operation(
            summary = "List cases",
            description = "Newest first. Filters: partner, status (OPEN, RESOLVED, CLOSED), rule, app. A partner sees"
                    + " only its own cases.")
    Page<CaseView> cases(
            @RequestParam(required = false) @Nullable String partner,
            @RequestParam(required = false) @Nullable CaseStatus status,
            @RequestParam(required = false) @Nullable String rule,
            @RequestParam(required = false) @Nullable String app,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "" + Paging.DEFAULT_SIZE) int size,
            Actor actor) {
        Paging paging = new Paging(page, size);
        checkRule(rule);
        if (app != null && !AppKey.isValid(app)) {
            throw new InvalidParameterException("app", "is not an app key");
        }
        return cases.cases(partner(partner), status, rule, app, paging, actor);
    }

    @GetMapping("/cases/export")
    @Requires(Permission.ENFORCEMENT_READ)
    @Operation(
            summary = "Export cases",
            description = "Every case the list's filters select (partners: their own), newest first, as format=csv"
                    + " (default) or format=json, streamed as a download. Open cases are the violations.")
    ResponseEntity<StreamingResponseBody> exportCases(
            @RequestParam(required = false) @Nullable String partner,
            @RequestParam(required = false) @Nullable CaseStatus status,
            @RequestParam(required = false) @Nullable String rule,
            @RequestParam(required = false) @Nullable String app,
            @RequestParam(required = false) @Nullable String format,
            Actor actor) {
        cases(partner, status, rule, app, 0, 1, actor); // the same checks of the filters, before streaming
        return Exports.download(
                "cases",
                Exports.Format.of(format),
                EnforcementExports.CASES,
                paging -> cases.cases(partner(partner), status, rule, app, paging, actor)
                        .items(),
                clock);
    }

    @GetMapping("/actions/export")
    @Requires(Permission.ENFORCEMENT_READ)
    @Operation(
            summary = "Export actions",
            description = "Every action the list's filters select (partners: those taken against them), newest"
                    + " first, as format=csv (default) or format=json, streamed as a download.")
    ResponseEntity<StreamingResponseBody> exportActions(
            @RequestParam(required = false) @Nullable String partner,
            @RequestParam(required = false) @Nullable ActionStatus status,
            @RequestParam(required = false) @Nullable EnforcementAction action,
            @RequestParam(required = false) @Nullable String rule,
            @RequestParam(required = false) @Nullable String format,
            Actor actor) {
        checkRule(rule);
        return Exports.download(
                "actions",
                Exports.Format.of(format),
                EnforcementExports.ACTIONS,
                paging -> cases.actions(partner(partner), status, action, rule, paging, actor)
                        .items(),
                clock);
    }

    private static void checkRule(@Nullable String rule) {
        if (rule != null && !rule.matches("[A-Z][A-Z0-9-]{1,63}")) {
            throw new InvalidParameterException("rule", "is not a rule id (such as VULN-OVERDUE)");
        }
    }

    @GetMapping("/cases/{id}")
    @Requires(Permission.ENFORCEMENT_READ)
    @Operation(
            summary = "Get a case",
            description = "With its actions, their votes and appeals. A partner sees only actions taken against it.")
    CaseView getCase(@PathVariable long id, Actor actor) {
        return cases.getCase(id, actor);
    }

    @PostMapping("/cases/{id}/escalations")
    @Requires(Permission.ENFORCEMENT_MANAGE)
    @Operation(
            summary = "Take a step ahead of the ladder",
            description = "Body: action (one the policy's skippableFor allows, such as PAUSE_LISTING), justification"
                    + " (ACTIVE_EXPLOITATION, MALICIOUS_ACTIVITY, LEGAL_OBLIGATION) and note. The proposal needs the"
                    + " approvals the policy sets for the action, from people other than the proposer.")
    ResponseEntity<ActionView> escalate(
            @PathVariable long id, @RequestBody EnforcementRequests.Escalation body, Actor actor) {
        return created(escalations.escalate(id, body, actor));
    }

    @PostMapping("/cases/{id}/lift")
    @Requires(Permission.ENFORCEMENT_MANAGE)
    @Operation(
            summary = "Propose lifting a resolved case's actions again",
            description = "When an earlier lift was rejected. Body: note (optional).")
    ResponseEntity<ActionView> lift(
            @PathVariable long id,
            @RequestBody(required = false) EnforcementRequests.@Nullable Note body,
            Actor actor) {
        return created(escalations.proposeLift(id, body == null ? null : body.note(), actor));
    }

    @PostMapping("/terminations")
    @Requires(Permission.ENFORCEMENT_MANAGE)
    @Operation(
            summary = "Propose terminating a partner",
            description = "Body: partner, reason, review (by, on, outcome: the internal review it follows),"
                    + " migrationWindowDays (0-365, default 90: existing installs keep working that long once"
                    + " applied; 0 when none is feasible). Never automatic; needs two approvers other than the"
                    + " proposer.")
    ResponseEntity<ActionView> terminate(@RequestBody EnforcementRequests.Termination body, Actor actor) {
        return created(escalations.proposeTermination(body, actor));
    }

    @PostMapping("/emergency-pauses")
    @Requires(Permission.ENFORCEMENT_MANAGE)
    @Operation(
            summary = "Propose pausing an actively exploited incident's apps at once",
            description = "Body: incident, note. For an open incident reported as actively exploited and not yet"
                    + " contained: one PAUSE_LISTING proposal per affected app, ahead of the ladder, each needing the"
                    + " policy's approvals. Containing the incident resolves the cases and proposes lifting the pause.")
    ResponseEntity<List<ActionView>> emergencyPause(@RequestBody EnforcementRequests.EmergencyPause body, Actor actor) {
        // The incident's cases exist once its partner is evaluated; do it now rather than wait for the schedule.
        escalations.incidentPartner(body.incident(), actor).ifPresent(reconciliation::evaluate);
        return ResponseEntity.status(HttpStatus.CREATED).body(escalations.proposeEmergencyPause(body, actor));
    }

    @GetMapping("/evaluation-failures")
    @Requires(Permission.ENFORCEMENT_READ)
    @Operation(
            summary = "List partners whose evaluation is failing",
            description = "Each with when it first and last failed, how many attempts, the incident id the error is"
                    + " logged under, the error's type, and when it is tried next. A partner's clients see only their"
                    + " own.")
    List<EvaluationFailures.Failure> evaluationFailures(Actor actor) {
        return failures.list(actor);
    }

    @GetMapping("/actions")
    @Requires(Permission.ENFORCEMENT_READ)
    @Operation(
            summary = "List actions",
            description = "Newest first. status=PROPOSED is the approval queue. Filters: partner, status, action (a"
                    + " step of the ladder, such as HIDE_LISTING), rule (the case's rule id, or TERMINATION). A"
                    + " partner sees only actions taken against it (APPLIED, LIFTED, REVERSED), without votes.")
    Page<ActionView> actions(
            @RequestParam(required = false) @Nullable String partner,
            @RequestParam(required = false) @Nullable ActionStatus status,
            @RequestParam(required = false) @Nullable EnforcementAction action,
            @RequestParam(required = false) @Nullable String rule,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "" + Paging.DEFAULT_SIZE) int size,
            Actor actor) {
        checkRule(rule);
        return cases.actions(partner(partner), status, action, rule, new Paging(page, size), actor);
    }

    @GetMapping("/actions/{id}")
    @Requires(Permission.ENFORCEMENT_READ)
    @Operation(summary = "Get an action", description = "With its votes (not for partners) and appeals.")
    ActionView getAction(@PathVariable long id, Actor actor) {
        return cases.getAction(id, actor);
    }

    @PostMapping("/actions/{id}/approve")
    @Requires(Permission.ENFORCEMENT_DECIDE)
    @Operation(
            summary = "Approve a proposed action",
            description = "Body: comment (optional). People only, each once, never the proposer; once enough"
                    + " different approvers agree the action changes the catalog in the same transaction.")
    ActionView approve(
            @PathVariable long id,
            @RequestBody(required = false) EnforcementRequests.@Nullable Vote body,
            Actor actor) {
        return decisions.approve(id, body == null ? null : body.comment(), actor);
    }

    @PostMapping("/actions/{id}/reject")
    @Requires(Permission.ENFORCEMENT_DECIDE)
    @Operation(summary = "Reject a proposed action", description = "Body: comment (required: why).")
    ActionView reject(@PathVariable long id, @RequestBody EnforcementRequests.Vote body, Actor actor) {
        return decisions.reject(id, body.comment(), actor);
    }

    @PostMapping("/actions/{id}/appeals")
    @Requires(Permission.APPEALS_FILE)
    @Operation(
            summary = "Appeal an action in effect",
            description = "Body: grounds. Within the policy's appeal window after the action took effect; one open"
                    + " appeal per action.")
    ResponseEntity<AppealView> appeal(
            @PathVariable long id, @RequestBody EnforcementRequests.Appeal body, Actor actor) {
        AppealView appeal = appeals.appeal(id, body.grounds(), actor);
        return ResponseEntity.created(URI.create("/api/v1/enforcement/appeals/" + appeal.id()))
                .body(appeal);
    }

    @GetMapping("/appeals")
    @Requires(Permission.ENFORCEMENT_READ)
    @Operation(summary = "List appeals", description = "Newest first. Filters: partner, status (OPEN, UPHELD, DENIED).")
    Page<AppealView> appeals(
            @RequestParam(required = false) @Nullable String partner,
            @RequestParam(required = false) @Nullable AppealStatus status,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "" + Paging.DEFAULT_SIZE) int size,
            Actor actor) {
        return cases.appeals(partner(partner), status, new Paging(page, size), actor);
    }

    @PostMapping("/appeals/{id}/uphold")
    @Requires(Permission.ENFORCEMENT_DECIDE)
    @Operation(
            summary = "Uphold an appeal",
            description = "The action is reversed at once. Body: note (optional). By an approver who did not take"
                    + " part in the action.")
    AppealView uphold(
            @PathVariable long id,
            @RequestBody(required = false) EnforcementRequests.@Nullable AppealDecision body,
            Actor actor) {
        return appeals.upholdAppeal(id, body == null ? null : body.note(), actor);
    }

    @PostMapping("/appeals/{id}/deny")
    @Requires(Permission.ENFORCEMENT_DECIDE)
    @Operation(
            summary = "Deny an appeal",
            description =
                    "The action stays. Body: note (required). By an approver who did not take part in the action.")
    AppealView deny(@PathVariable long id, @RequestBody EnforcementRequests.AppealDecision body, Actor actor) {
        return appeals.denyAppeal(id, body.note(), actor);
    }

    @PostMapping("/evaluations")
    @Requires(Permission.ENFORCEMENT_MANAGE)
    @Operation(
            summary = "Evaluate the rules now",
            description = "For every partner, or one (?partner=). The same evaluation the scheduler runs; answers"
                    + " what it changed.")
    EvaluationSummary evaluate(@RequestParam(required = false) @Nullable String partner) {
        return reconciliation.evaluate(partner(partner));
    }

    private static @Nullable PartnerId partner(@Nullable String partner) {
        if (partner == null) {
            return null;
        }
        if (!PartnerId.isValid(partner)) {
            throw new InvalidParameterException("partner", "is not a partner id");
        }
        return PartnerId.of(partner);
    }

    private static ResponseEntity<ActionView> created(ActionView action) {
        return ResponseEntity.created(URI.create("/api/v1/enforcement/actions/" + action.id()))
                .body(action);
    }
}
