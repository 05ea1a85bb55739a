package dev.warden.server.evaluation;

import dev.warden.core.evaluation.EvaluationReport;
import dev.warden.core.policy.PolicyVersions;
import dev.warden.core.validation.InvalidInputException;
import dev.warden.server.catalog.Apps;
import dev.warden.server.catalog.Partners;
import dev.warden.server.enforcement.EnforcementHistory;
import dev.warden.server.obligations.ObligationFacts;
import dev.warden.server.policy.Policies;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.InvalidParameterException;
import dev.warden.server.shared.Permission;
import dev.warden.server.shared.Requires;
import dev.warden.server.tickets.Tickets;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/evaluations}: "what was the state on 1 March?" and "what would this draft change?",
 * answered by the same code as {@code warden evaluate}.
 */
@RestController
@RequestMapping("/api/v1/evaluations")
@Tag(name = "Evaluations", description = "Every ticket's clock at any instant, under the policy or a draft")
class EvaluationApiController {

    private final Tickets tickets;
    private final Partners partners;
    private final Apps apps;
    private final Policies policies;
    private final Clock clock;
    private final ObligationFacts obligations;
    private final DraftImpacts impacts;
    private final EnforcementHistory history;

    EvaluationApiController(
            Tickets tickets,
            Partners partners,
            Apps apps,
            Policies policies,
            Clock clock,
            ObligationFacts obligations,
            DraftImpacts impacts,
            EnforcementHistory history) {
        this.history = history;
        this.obligations = obligations;
        this.impacts = impacts;
        this.tickets = tickets;
        this.partners = partners;
        this.apps = apps;
        this.policies = policies;
        this.clock = clock;
    }

    /** What to evaluate: an instant (default now) and optionally a draft policy version to add. */
    record Request(@Nullable Instant asOf, @Nullable String draft) {}

    @PostMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    @Requires(Permission.EVALUATIONS_RUN)
    @Operation(
            summary = "Evaluate every ticket",
            description = "Body: asOf (default now) and draft (a draft policy version to add). Answers the"
                    + " warden.evaluation/v1 report (tickets, violations, proposals, for the operator the enforcement"
                    + " cases as they stood and what reconciliation would do then, summary), the same as warden"
                    + " evaluate on an export of this data.")
    void evaluate(@RequestBody(required = false) @Nullable Request request, Actor actor, HttpServletResponse response)
            throws IOException {
        Instant asOf = request == null || request.asOf() == null ? clock.instant() : request.asOf();
        String draft = request == null ? null : request.draft();
        PolicyVersions versions = draft == null ? policies.inForce() : policies.withDraft(draft);
        if (versions.findInForceAt(asOf).isEmpty()) {
            throw new InvalidInputException("/asOf", versions.noneInForce(asOf));
        }
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        OutputStream out = new BufferedOutputStream(response.getOutputStream(), 1 << 16);
        try (EvaluationReport report = new EvaluationReport(out, versions, asOf, draft, false)) {
            tickets.forEach(actor.partner(), report::add);
            report.finish(
                    partners.all().stream().filter(p -> actor.canSee(p.id())).toList(),
                    apps.all().stream().filter(a -> actor.canSee(a.partner())).toList(),
                    obligations.forRules(actor.partner()),
                    // As the export: the operator's report replays the enforcement history, a partner's has none.
                    actor.partner() == null ? history.all() : List.of());
        }
        out.write('\n');
        out.flush();
    }

    @GetMapping("/impact")
    @Requires(Permission.EVALUATIONS_RUN)
    @Operation(
            summary = "What a draft would change",
            description = "Every ticket whose policy version, severity, due date or overdue state would differ with the"
                    + " draft published, at asOf (default now). Lists the first 1000.")
    DraftImpacts.Impact impact(
            @RequestParam String draft, @RequestParam(required = false) @Nullable Instant asOf, Actor actor) {
        Instant at = asOf == null ? clock.instant() : asOf;
        PolicyVersions versions = policies.inForce();
        if (versions.findInForceAt(at).isEmpty()) {
            throw new InvalidParameterException("asOf", versions.noneInForce(at));
        }
        return impacts.impact(draft, at, actor);
    }
}
