package dev.warden.server.enforcement;

import dev.warden.core.catalog.PartnerId;
import dev.warden.core.validation.Fields;
import dev.warden.server.audit.AuditTrail;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.ConflictException;
import dev.warden.server.shared.NotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The outreach made on a case (docs/policy section 8: "partners respond to AMS tickets, ECOHELP tickets,
 * and direct outreach, remediate the underlying issue, and the app remains in good standing"): each
 * contact with its channel, when, a reference, what was said and the partner's answer. Approvers see it
 * on each proposal before they decide; the partner sees it on its case.
 */
@Service
public class CaseOutreach {
    /** How the operator reached the partner. */
    public enum Channel {
        AMS_TICKET,
        ECOHELP,
        EMAIL,
        CALL,
        MEETING,
        OTHER
    }

    /** One contact, and the partner's answer once there is one. */
    public record OutreachView(
            long id,
            long caseId,
            Channel channel,
            Instant reachedAt,
            @Nullable String reference,
            String summary,
            String recordedBy,
            @Nullable String answer,
            @Nullable Instant answeredAt) {}

    /** A contact to record: when it was made (default now) and the answer if one came. */
    public record Outreach(
            @Nullable Channel channel,
            @Nullable Instant reachedAt,
            @Nullable String reference,
            @Nullable String summary,
            @Nullable String answer,
            @Nullable Instant answeredAt) {}

    /** The partner's answer to an earlier contact. */
    public record Answer(@Nullable String answer, @Nullable Instant answeredAt) {}

    private static final int MAX_TEXT = 2000;

    private final OutreachRows rows;
    private final EnforcementCases cases;
    private final AuditTrail audit;
    private final Clock clock;

    CaseOutreach(OutreachRows rows, EnforcementCases cases, AuditTrail audit, Clock clock) {
        this.rows = rows;
        this.cases = cases;
        this.audit = audit;
        this.clock = clock;
    }

    /** The contacts on a case the actor may see, oldest first. */
    @Transactional(readOnly = true)
    public List<OutreachView> of(long caseId, Actor actor) {
        cases.visibleCase(caseId, actor);
        return ofCases(List.of(caseId)).getOrDefault(caseId, List.of());
    }

    /** The contacts on each of these cases, oldest first (for a page of proposals). */
    @Transactional(readOnly = true)
    public Map<Long, List<OutreachView>> ofCases(Collection<Long> caseIds) {
        if (caseIds.isEmpty()) {
            return Map.of();
        }
        return rows.ofCases(caseIds).stream()
                .map(CaseOutreach::view)
                .collect(Collectors.groupingBy(OutreachView::caseId, LinkedHashMap::new, Collectors.toList()));
    }

    /** Records a contact made on the case; audited as {@code CASE_OUTREACH}. */
    @Transactional
    public OutreachView record(long caseId, Outreach body, Actor actor) {
        CaseRows.CaseRow c = cases.visibleCase(caseId, actor);
        Instant now = clock.instant();
        Instant reached = body.reachedAt() == null ? now : body.reachedAt();
        String answer = blankToNull(body.answer());
        Instant answered = answer == null ? null : body.answeredAt() == null ? now : body.answeredAt();
        Fields f = new Fields("invalid outreach")
                .require("/channel", body.channel(), "how the partner was reached: " + List.of(Channel.values()))
                .requireText("/summary", body.summary(), "say what was asked or told")
                .maxLength("/summary", body.summary(), MAX_TEXT)
                .maxLength("/reference", body.reference(), 200)
                .maxLength("/answer", body.answer(), MAX_TEXT);
        if (reached.isAfter(now)) {
            f.error("/reachedAt", "is in the future");
        }
        if (answered != null && (answered.isAfter(now) || answered.isBefore(reached))) {
            f.error("/answeredAt", "is between the contact and now");
        }
        f.check();
        Channel channel = Objects.requireNonNull(body.channel());
        long id = rows.insert(
                caseId,
                c.partnerId(),
                channel.name(),
                reached,
                blankToNull(body.reference()),
                Objects.requireNonNull(body.summary()).strip(),
                actor.name(),
                answer,
                answered);
        audit.record(
                actor,
                "CASE_OUTREACH",
                "case",
                String.valueOf(caseId),
                PartnerId.of(c.partnerId()),
                Map.of("outreach", id, "channel", channel.name(), "answered", answered != null));
        return view(rows.find(id));
    }

    /** Records the partner's answer to a contact that had none; audited as {@code CASE_OUTREACH_ANSWERED}. */
    @Transactional
    public OutreachView answer(long caseId, long outreachId, Answer body, Actor actor) {
        CaseRows.CaseRow c = cases.visibleCase(caseId, actor);
        OutreachView before = of(caseId, actor).stream()
                .filter(o -> o.id() == outreachId)
                .findFirst()
                .orElseThrow(() -> new NotFoundException("No outreach #" + outreachId + " on case #" + caseId));
        if (before.answer() != null) {
            throw new ConflictException("Outreach #" + outreachId + " already has the partner's answer");
        }
        Instant now = clock.instant();
        Instant answered = body.answeredAt() == null ? now : body.answeredAt();
        Fields f = new Fields("invalid answer")
                .requireText("/answer", body.answer(), "what the partner answered")
                .maxLength("/answer", body.answer(), MAX_TEXT);
        if (answered.isAfter(now) || answered.isBefore(before.reachedAt())) {
            f.error("/answeredAt", "is between the contact and now");
        }
        f.check();
        rows.answer(outreachId, Objects.requireNonNull(body.answer()).strip(), answered);
        audit.record(
                actor,
                "CASE_OUTREACH_ANSWERED",
                "case",
                String.valueOf(caseId),
                PartnerId.of(c.partnerId()),
                Map.of("outreach", outreachId));
        return view(rows.find(outreachId));
    }

    private static OutreachView view(OutreachRows.Row r) {
        return new OutreachView(
                r.id(),
                r.caseId(),
                Channel.valueOf(r.channel()),
                r.reachedAt().toInstant(),
                r.reference(),
                r.summary(),
                r.recordedBy(),
                r.answer(),
                r.answeredAt() == null ? null : r.answeredAt().toInstant());
    }

    private static @Nullable String blankToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
