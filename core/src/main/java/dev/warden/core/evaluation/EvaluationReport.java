package dev.warden.core.evaluation;

import dev.warden.core.catalog.App;
import dev.warden.core.catalog.Partner;
import dev.warden.core.compliance.Facts;
import dev.warden.core.compliance.Rules;
import dev.warden.core.compliance.Subject;
import dev.warden.core.compliance.Violation;
import dev.warden.core.cvss.Severity;
import dev.warden.core.enforcement.EnforcementCase;
import dev.warden.core.enforcement.Ladder;
import dev.warden.core.enforcement.Proposal;
import dev.warden.core.obligations.Obligations;
import dev.warden.core.policy.PolicyVersion;
import dev.warden.core.policy.PolicyVersions;
import dev.warden.core.tickets.Ticket;
import dev.warden.core.time.Instants;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonEncoding;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.PrettyPrinter;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.DefaultPrettyPrinter;

/**
 * Evaluates tickets one at a time and writes the {@code warden.evaluation/v1} report as it goes, so a
 * snapshot of a million tickets is never held in memory. Tickets appear in the order given; the
 * summary comes last. The CLI and the server both write through this class, so their answers on the
 * same facts are the same bytes.
 */
public final class EvaluationReport implements AutoCloseable {
    public static final String FORMAT = "warden.evaluation/v1";
    static final JsonFactory FACTORY =
            JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();

    private final PolicyVersions versions;
    private final Instant asOf;
    private final JsonGenerator g;
    private final Rows rows;
    private boolean finished;

    /**
     * Starts a report.
     *
     * @param draft the id of a draft version among {@code versions}, to name in the report
     * @param pretty whether to indent it for people
     */
    public EvaluationReport(
            OutputStream out, PolicyVersions versions, Instant asOf, @Nullable String draft, boolean pretty) {
        this.versions = versions;
        this.asOf = asOf;
        this.rows = new Rows(versions, asOf);
        ObjectWriteContext context = pretty
                ? new ObjectWriteContext.Base() {
                    @Override
                    public PrettyPrinter getPrettyPrinter() {
                        return new DefaultPrettyPrinter();
                    }
                }
                : ObjectWriteContext.empty();
        this.g = FACTORY.createGenerator(context, out, JsonEncoding.UTF8);
        g.writeStartObject();
        g.writeStringProperty("format", FORMAT);
        g.writeStringProperty("asOf", Instants.format(asOf));
        g.writeName("policy");
        g.writeStartObject();
        g.writeStringProperty("inForce", versions.inForceAt(asOf).id());
        if (draft != null) {
            g.writeStringProperty("draft", draft);
        }
        g.writeEndObject();
        g.writeName("tickets");
        g.writeStartArray();
    }

    /** Evaluates one ticket and writes its row; a ticket reported after the instant is left out. */
    public void add(Ticket ticket) {
        rows.add(ticket, g);
    }

    /**
     * Ends the ticket list, then writes the violations the rules find in these partners, apps and the
     * tickets seen, the ladder's proposals for them, and the summary.
     */
    public void finish(List<Partner> partners, List<App> apps) {
        finish(partners, apps, Obligations.NONE);
    }

    /** As {@link #finish(List, List)}, with the partners' obligation records. */
    public void finish(List<Partner> partners, List<App> apps, Obligations obligations) {
        finish(partners, apps, obligations, List.of());
    }

    /**
     * As {@link #finish(List, List, Obligations)}, with the enforcement history: when there is any, the
     * report gains an {@code enforcement} section (each case as it stood at the instant, and what
     * reconciliation would do then) between the proposals and the summary.
     */
    public void finish(List<Partner> partners, List<App> apps, Obligations obligations, List<EnforcementCase> cases) {
        Rows.Tally tally = rows.tally;
        g.writeEndArray();
        PolicyVersion policy = versions.inForceAt(asOf);
        List<Violation> violations =
                Rules.evaluate(new Facts(asOf, partners, apps, rows.breaches, obligations), policy);
        List<Proposal> proposals = Ladder.plan(violations, policy, asOf);
        g.writeName("violations");
        g.writeStartArray();
        for (Violation v : violations) {
            g.writeStartObject();
            g.writeStringProperty("rule", v.rule());
            subject(v.subject());
            if (v.since() != null) {
                g.writeStringProperty("since", Instants.format(v.since()));
            }
            g.writeStringProperty("severity", v.severity().name());
            g.writeStringProperty("evidence", v.evidence());
            g.writeStringProperty("policyVersion", v.policyVersion());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeName("proposals");
        g.writeStartArray();
        for (Proposal p : proposals) {
            g.writeStartObject();
            g.writeStringProperty("action", p.action().name());
            g.writeStringProperty("rule", p.rule());
            subject(p.subject());
            g.writeNumberProperty("step", p.step());
            g.writeStringProperty("dueAt", Instants.format(p.dueAt()));
            g.writeStringProperty("reason", p.reason());
            g.writeNumberProperty("approvalsRequired", p.approvalsRequired());
            g.writeEndObject();
        }
        g.writeEndArray();
        EnforcementReplay.Counts enforcement =
                cases.isEmpty() ? null : EnforcementReplay.write(g, cases, violations, policy, asOf);
        writeSummary(tally, violations.size(), proposals.size(), enforcement);
    }

    private void subject(Subject subject) {
        g.writeName("subject");
        g.writeStartObject();
        g.writeStringProperty("type", subject.type());
        g.writeStringProperty("id", subject.id());
        g.writeStringProperty("partner", subject.partner().value());
        g.writeEndObject();
    }

    /** Ends the ticket list and writes the summary, for a report of tickets alone. */
    public void finish() {
        g.writeEndArray();
        writeSummary(rows.tally, -1, -1, null);
    }

    private void writeSummary(
            Rows.Tally tally, int violations, int proposals, EnforcementReplay.@Nullable Counts enforcement) {
        g.writeName("summary");
        g.writeStartObject();
        g.writeNumberProperty("tickets", tally.tickets);
        g.writeNumberProperty("open", tally.open);
        g.writeNumberProperty("overdue", tally.overdue);
        g.writeNumberProperty("triageOverdue", tally.triageOverdue);
        if (violations >= 0) {
            g.writeNumberProperty("violations", violations);
            g.writeNumberProperty("proposals", proposals);
        }
        if (enforcement != null) {
            g.writeNumberProperty("cases", enforcement.cases());
            g.writeNumberProperty("casesNotClosed", enforcement.open());
            g.writeNumberProperty("actionsInEffect", enforcement.inEffect());
            g.writeNumberProperty("nextSteps", enforcement.next());
        }
        g.writeName("openBySeverity");
        g.writeStartObject();
        for (Severity s : Severity.values()) {
            g.writeNumberProperty(s.name(), tally.openBySeverity.getOrDefault(s, 0));
        }
        g.writeEndObject();
        g.writeEndObject();
        g.writeEndObject();
        g.flush();
        finished = true;
    }

    /** Closes the generator (not the stream); a report closed before {@link #finish()} is incomplete. */
    @Override
    public void close() {
        if (!finished) {
            g.flush();
        }
        g.close();
    }
}
