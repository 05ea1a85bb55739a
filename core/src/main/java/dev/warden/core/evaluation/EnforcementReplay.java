package dev.warden.core.evaluation;

import dev.warden.core.catalog.PartnerId;
import dev.warden.core.compliance.Violation;
import dev.warden.core.enforcement.ActionStatus;
import dev.warden.core.enforcement.CaseStatus;
import dev.warden.core.enforcement.Command;
import dev.warden.core.enforcement.EnforcementCase;
import dev.warden.core.enforcement.OpenCase;
import dev.warden.core.enforcement.Origin;
import dev.warden.core.enforcement.Proposal;
import dev.warden.core.enforcement.Reconciler;
import dev.warden.core.policy.PolicyVersion;
import dev.warden.core.time.Instants;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;

/**
 * The enforcement section of a report on a snapshot that carries enforcement history: every case as it
 * stood at the report's instant (its status then, and each action's), and the ladder replayed from there:
 * what reconciliation would do at that instant with the violations found then and the cases as they
 * stood, exactly as the server does every time it evaluates (open a case, propose or skip the next step,
 * withdraw, resolve, propose a lift, close).
 */
final class EnforcementReplay {
    /** What the summary counts. */
    record Counts(int cases, int open, int inEffect, int next) {}

    private EnforcementReplay() {}

    static Counts write(
            JsonGenerator g,
            List<EnforcementCase> history,
            List<Violation> violations,
            PolicyVersion policy,
            Instant asOf) {
        List<EnforcementCase> then = new ArrayList<>();
        for (EnforcementCase c : history) {
            EnforcementCase at = c.asOf(asOf);
            if (at != null) {
                then.add(at);
            }
        }
        g.writeName("enforcement");
        g.writeStartObject();
        g.writeName("cases");
        g.writeStartArray();
        int open = 0;
        int inEffect = 0;
        for (EnforcementCase c : then) {
            writeCase(g, c);
            if (c.status() == CaseStatus.CLOSED) {
                continue;
            }
            open++;
            inEffect += (int) c.actions().stream()
                    .filter(a -> a.status() == ActionStatus.APPLIED && a.origin() != Origin.LIFT)
                    .count();
        }
        g.writeEndArray();
        List<Command> next = replay(then, violations, policy, asOf);
        Map<String, Long> ids = new HashMap<>();
        for (EnforcementCase c : then) {
            if (c.status() != CaseStatus.CLOSED) {
                ids.put(Reconciler.key(c.rule(), c.subjectType(), c.subjectId()), c.id());
            }
        }
        g.writeName("next");
        g.writeStartArray();
        for (Command command : next) {
            writeCommand(g, command, ids.get(command.caseKey()));
        }
        g.writeEndArray();
        g.writeEndObject();
        return new Counts(then.size(), open, inEffect, next.size());
    }

    /** Reconciliation per partner, as the server runs it: the partner's violations and its cases not closed. */
    private static List<Command> replay(
            List<EnforcementCase> then, List<Violation> violations, PolicyVersion policy, Instant asOf) {
        Map<PartnerId, List<Violation>> byPartner = new TreeMap<>();
        for (Violation v : violations) {
            byPartner
                    .computeIfAbsent(v.subject().partner(), p -> new ArrayList<>())
                    .add(v);
        }
        Map<PartnerId, List<OpenCase>> casesBy = new TreeMap<>();
        for (EnforcementCase c : then) {
            if (c.status() != CaseStatus.CLOSED) {
                casesBy.computeIfAbsent(c.partner(), p -> new ArrayList<>()).add(c.open());
            }
        }
        TreeSet<PartnerId> partners = new TreeSet<>(byPartner.keySet());
        partners.addAll(casesBy.keySet());
        List<Command> out = new ArrayList<>();
        for (PartnerId p : partners) {
            out.addAll(Reconciler.reconcile(
                    byPartner.getOrDefault(p, List.of()), casesBy.getOrDefault(p, List.of()), policy, asOf));
        }
        return out;
    }

    private static void writeCase(JsonGenerator g, EnforcementCase c) {
        g.writeStartObject();
        g.writeNumberProperty("id", c.id());
        g.writeStringProperty("rule", c.rule());
        g.writeName("subject");
        g.writeStartObject();
        g.writeStringProperty("type", c.subjectType());
        g.writeStringProperty("id", c.subjectId());
        g.writeStringProperty("partner", c.partner().value());
        g.writeEndObject();
        g.writeStringProperty("status", c.status().name());
        g.writeStringProperty("openedAt", Instants.format(c.openedAt()));
        instant(g, "resolvedAt", c.resolvedAt());
        instant(g, "closedAt", c.closedAt());
        g.writeName("actions");
        g.writeStartArray();
        for (EnforcementCase.Action a : c.actions()) {
            g.writeStartObject();
            g.writeNumberProperty("id", a.id());
            g.writeStringProperty("action", a.action());
            g.writeStringProperty("origin", a.origin().name());
            g.writeStringProperty("status", a.status().name());
            g.writeStringProperty("proposedAt", Instants.format(a.proposedAt()));
            instant(g, "appliedAt", a.appliedAt());
            instant(g, "undoneAt", a.undoneAt());
            long openAppeals = a.appeals().stream()
                    .filter(p -> p.status() == dev.warden.core.enforcement.AppealStatus.OPEN)
                    .count();
            if (openAppeals > 0) {
                g.writeNumberProperty("openAppeals", openAppeals);
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        if (!c.outreach().isEmpty()) {
            g.writeNumberProperty("outreach", c.outreach().size());
        }
        EnforcementCase.TerminationReview review = c.terminationReview();
        if (review != null && review.migrationUntil() != null) {
            g.writeStringProperty("migrationWindowEnds", Instants.format(review.migrationUntil()));
        }
        g.writeEndObject();
    }

    private static void writeCommand(JsonGenerator g, Command command, @Nullable Long caseId) {
        g.writeStartObject();
        g.writeStringProperty("do", kind(command));
        if (caseId != null) {
            g.writeNumberProperty("case", caseId);
        }
        String[] key = command.caseKey().split("\\|", 3);
        g.writeStringProperty("rule", key[0]);
        g.writeName("subject");
        g.writeStartObject();
        g.writeStringProperty("type", key[1]);
        g.writeStringProperty("id", key[2]);
        g.writeEndObject();
        if (command instanceof Command.Open o) {
            g.writeStringProperty("began", Instants.format(o.began()));
        } else if (command instanceof Command.Propose p) {
            proposal(g, p.proposal());
        } else if (command instanceof Command.Skip s) {
            proposal(g, s.proposal());
            g.writeStringProperty("why", s.why());
        } else if (command instanceof Command.Withdraw w) {
            g.writeNumberProperty("withdraws", w.actionId());
            g.writeStringProperty("why", w.why());
        } else if (command instanceof Command.ProposeLift l) {
            g.writeName("lifts");
            g.writeStartArray();
            l.lifts().forEach(a -> g.writeNumber(a.id()));
            g.writeEndArray();
            g.writeStringProperty("why", l.why());
        } else if (command instanceof Command.Close c) {
            g.writeStringProperty("why", c.why());
        }
        g.writeEndObject();
    }

    private static String kind(Command command) {
        if (command instanceof Command.Open) {
            return "OPEN_CASE";
        } else if (command instanceof Command.Reopen) {
            return "REOPEN_CASE";
        } else if (command instanceof Command.Refresh) {
            return "REFRESH_CASE";
        } else if (command instanceof Command.Propose) {
            return "PROPOSE";
        } else if (command instanceof Command.Skip) {
            return "SKIP";
        } else if (command instanceof Command.Withdraw) {
            return "WITHDRAW";
        } else if (command instanceof Command.Resolve) {
            return "RESOLVE_CASE";
        } else if (command instanceof Command.ProposeLift) {
            return "PROPOSE_LIFT";
        }
        return "CLOSE_CASE";
    }

    private static void proposal(JsonGenerator g, Proposal p) {
        g.writeStringProperty("action", p.action().name());
        g.writeNumberProperty("step", p.step());
        g.writeStringProperty("dueAt", Instants.format(p.dueAt()));
        g.writeNumberProperty("approvalsRequired", p.approvalsRequired());
    }

    private static void instant(JsonGenerator g, String name, @Nullable Instant value) {
        if (value != null) {
            g.writeStringProperty(name, Instants.format(value));
        }
    }
}
