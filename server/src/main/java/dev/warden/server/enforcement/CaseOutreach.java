package dev.warden.server.enforcement;

import static dev.warden.server.shared.Timestamps.utc;

import dev.warden.core.catalog.PartnerId;
import dev.warden.core.validation.Fields;
import dev.warden.server.audit.AuditTrail;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.RecordRows;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
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

    private record Row(
            long id,
            long caseId,
            String channel,
            OffsetDateTime reachedAt,
            @Nullable String reference,
            String summary,
            String recordedBy,
            @Nullable String answer,
            @Nullable OffsetDateTime answeredAt) {
        OutreachView view() {
            return new OutreachView(
                    id,
                    caseId,
                    Channel.valueOf(channel),
                    reachedAt.toInstant(),
                    reference,
                    summary,
                    recordedBy,
                    answer,
                    answeredAt == null ? null : answeredAt.toInstant());
        }
    }

    private static final String COLUMNS =
            "id, case_id, channel, reached_at, reference, summary, recorded_by, answer, answered_at";
    private static final int MAX_TEXT = 2000;

    private final JdbcClient jdbc;
    private final EnforcementCases cases;
    private final AuditTrail audit;
    private final Clock clock;

    CaseOutreach(JdbcClient jdbc, EnforcementCases cases, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
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
        return jdbc
                .sql("select " + COLUMNS + " from enforcement_outreach where case_id in (:ids)"
                        + " order by reached_at, id")
                .param("ids", List.copyOf(caseIds))
                .query(RecordRows.of(Row.class))
                .list()
                .stream()
                .map(Row::view)
                .collect(Collectors.groupingBy(OutreachView::caseId, LinkedHashMap::new, Collectors.toList()));
    }

    /** Records a contact made on the case; audited as {@code CASE_OUTREACH}. */
    @Transactional
    public OutreachView record(long caseId, Outreach body, Actor actor) {
        CaseRows.CaseRow c = cases.visibleCase(caseId, actor);
        Instant now = clock.instant();
        Instant reached = body.reachedAt() == null ? now : body.reachedAt();
        Instant answered = body.answer() == null || body.answer().isBlank()
                ? null
                : body.answeredAt() == null ? now : body.answeredAt();
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
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into enforcement_outreach (case_id, partner_id, channel, reached_at, reference, summary,"
                        + " recorded_by, answer, answered_at) values (:c, :p, :ch, :at, :ref, :s, :by, :a, :aat)")
                .param("c", caseId)
                .param("p", c.partnerId())
                .param("ch", java.util.Objects.requireNonNull(body.channel()).name())
                .param("at", utc(reached))
                .param("ref", blankToNull(body.reference()))
                .param("s", java.util.Objects.requireNonNull(body.summary()).strip())
                .param("by", actor.name())
                .param(
                        "a",
                        answered == null
                                ? null
                                : java.util.Objects.requireNonNull(body.answer())
                                        .strip())
                .param("aat", answered == null ? null : utc(answered))
                .update(key, "id");
        long id = java.util.Objects.requireNonNull(key.getKey()).longValue();
        audit.record(
                actor,
                "CASE_OUTREACH",
                "case",
                String.valueOf(caseId),
                PartnerId.of(c.partnerId()),
                Map.of("outreach", id, "channel", body.channel().name(), "answered", answered != null));
        return find(id);
    }

    /** Records the partner's answer to a contact that had none; audited as {@code CASE_OUTREACH_ANSWERED}. */
    @Transactional
    public OutreachView answer(long caseId, long outreachId, Answer body, Actor actor) {
        CaseRows.CaseRow c = cases.visibleCase(caseId, actor);
        OutreachView before = of(caseId, actor).stream()
                .filter(o -> o.id() == outreachId)
                .findFirst()
                .orElseThrow(() -> new dev.warden.server.shared.NotFoundException(
                        "No outreach #" + outreachId + " on case #" + caseId));
        if (before.answer() != null) {
            throw new dev.warden.server.shared.ConflictException(
                    "Outreach #" + outreachId + " already has the partner's answer");
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
        jdbc.sql("update enforcement_outreach set answer = :a, answered_at = :at where id = :id")
                .param("a", java.util.Objects.requireNonNull(body.answer()).strip())
                .param("at", utc(answered))
                .param("id", outreachId)
                .update();
        audit.record(
                actor,
                "CASE_OUTREACH_ANSWERED",
                "case",
                String.valueOf(caseId),
                PartnerId.of(c.partnerId()),
                Map.of("outreach", outreachId));
        return find(outreachId);
    }

    private OutreachView find(long id) {
        return jdbc.sql("select " + COLUMNS + " from enforcement_outreach where id = :id")
                .param("id", id)
                .query(RecordRows.of(Row.class))
                .single()
                .view();
    }

    private static @Nullable String blankToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
