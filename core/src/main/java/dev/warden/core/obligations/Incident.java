package dev.warden.core.obligations;

import dev.warden.core.catalog.AppKey;
import dev.warden.core.catalog.PartnerId;
import dev.warden.core.catalog.Tier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An incident affecting a partner's apps (docs/policy section 7): when the partner became aware of it,
 * when it was reported to the operator, whether customer data or systems are being actively exploited,
 * and what happened since. The events are checked in order: nothing follows closing, containment comes
 * once, a review needs containment, and closing needs the review (and the customer notice when
 * customers were affected).
 *
 * <p>An incident the operator learned of first (a researcher, a customer, its own monitoring) is on
 * record without a report: {@code reportedAt} is null until the partner reports it, and {@code
 * recordedAt} says since when the operator has known.
 *
 * @param reportedAt when the partner reported it; null while the partner has not
 * @param customersAffected how many customers were affected when reported; updates may revise it
 * @param recordedAt when the incident came on record: the partner's report, or the operator's own
 *     record of an incident not yet reported (then required); never after the report
 * @param priority the priority the partner's incident ticket was raised with (the policy asks for P1)
 * @param partnerTier the partner's tier when the incident came on record; null where not known
 * @param enterpriseCustomers the affected apps are used by Enterprise customers
 */
public record Incident(
        String id,
        PartnerId partner,
        List<AppKey> apps,
        IncidentCategory category,
        String title,
        Instant awareAt,
        @Nullable Instant reportedAt,
        boolean activeExploitation,
        long customersAffected,
        List<IncidentEvent> events,
        Instant recordedAt,
        IncidentPriority priority,
        @Nullable Tier partnerTier,
        boolean enterpriseCustomers) {

    /** An incident the partner reported, raised as P1, with neither tier nor Enterprise use recorded. */
    public Incident(
            String id,
            PartnerId partner,
            List<AppKey> apps,
            IncidentCategory category,
            String title,
            Instant awareAt,
            Instant reportedAt,
            boolean activeExploitation,
            long customersAffected,
            @Nullable List<IncidentEvent> events) {
        this(
                id,
                partner,
                apps,
                category,
                title,
                awareAt,
                reportedAt,
                activeExploitation,
                customersAffected,
                events,
                null,
                null,
                null,
                false);
    }

    public Incident(
            String id,
            PartnerId partner,
            List<AppKey> apps,
            IncidentCategory category,
            String title,
            Instant awareAt,
            @Nullable Instant reportedAt,
            boolean activeExploitation,
            long customersAffected,
            @Nullable List<IncidentEvent> events,
            @Nullable Instant recordedAt,
            @Nullable IncidentPriority priority,
            @Nullable Tier partnerTier,
            boolean enterpriseCustomers) {
        this.id = Checks.id(id, "incident id");
        this.partner = partner;
        this.apps = Checks.distinct(apps, "apps");
        this.category = category;
        this.title = Checks.line(title, "title");
        if (reportedAt != null && reportedAt.isBefore(awareAt)) {
            throw new IllegalArgumentException("reportedAt must not be before awareAt");
        }
        if (recordedAt == null && reportedAt == null) {
            throw new IllegalArgumentException(
                    "an incident the partner has not reported gives recordedAt: when the operator learned of it");
        }
        if (recordedAt != null && reportedAt != null && recordedAt.isAfter(reportedAt)) {
            throw new IllegalArgumentException("recordedAt must not be after reportedAt");
        }
        if (customersAffected < 0) {
            throw new IllegalArgumentException("customersAffected must not be negative");
        }
        this.awareAt = awareAt;
        this.reportedAt = reportedAt;
        this.activeExploitation = activeExploitation;
        this.customersAffected = customersAffected;
        this.events = List.copyOf(events == null ? List.of() : events);
        this.recordedAt = recordedAt != null ? recordedAt : java.util.Objects.requireNonNull(reportedAt);
        this.priority = priority == null ? IncidentPriority.P1 : priority;
        this.partnerTier = partnerTier;
        this.enterpriseCustomers = enterpriseCustomers;
        checkSequence();
    }

    /** This incident with one more event; throws {@link IllegalArgumentException} if it cannot happen now. */
    public Incident with(IncidentEvent event) {
        List<IncidentEvent> more = new ArrayList<>(events);
        more.add(event);
        return withEvents(reportedAt, more);
    }

    /** This incident as reported by the partner at {@code at}; throws if it was already reported. */
    public Incident reported(Instant at, IncidentPriority raisedAs) {
        if (reportedAt != null) {
            throw new IllegalArgumentException("the incident was already reported on " + reportedAt);
        }
        if (at.isBefore(recordedAt)) {
            throw new IllegalArgumentException("a report is not before the incident came on record");
        }
        return new Incident(
                id,
                partner,
                apps,
                category,
                title,
                awareAt,
                at,
                activeExploitation,
                customersAffected,
                events,
                recordedAt,
                raisedAs,
                partnerTier,
                enterpriseCustomers);
    }

    private Incident withEvents(@Nullable Instant reported, List<IncidentEvent> list) {
        return new Incident(
                id,
                partner,
                apps,
                category,
                title,
                awareAt,
                reported,
                activeExploitation,
                customersAffected,
                list,
                recordedAt,
                priority,
                partnerTier,
                enterpriseCustomers);
    }

    /** Whether the partner has reported it (an incident the operator learned of first may not be). */
    public boolean wasReported() {
        return reportedAt != null;
    }

    /**
     * How closely the operator works with the partner on it: hands-on for a Platinum partner or apps
     * used by Enterprise customers, commensurate with the risk otherwise.
     */
    public IncidentEngagement engagement() {
        return partnerTier == Tier.PLATINUM || enterpriseCustomers
                ? IncidentEngagement.HANDS_ON
                : IncidentEngagement.COMMENSURATE;
    }

    private void checkSequence() {
        Instant last = recordedAt;
        boolean contained = false;
        boolean reviewed = false;
        boolean notified = false;
        long customers = customersAffected;
        for (IncidentEvent e : events) {
            if (e.at().isBefore(last)) {
                throw new IllegalArgumentException(
                        e.type() + " at " + e.at() + " is before the report or the event before it");
            }
            last = e.at();
            switch (e.type()) {
                case CONTAINED:
                    if (contained) {
                        throw new IllegalArgumentException("the incident is already contained");
                    }
                    contained = true;
                    break;
                case REVIEW:
                    if (!contained) {
                        throw new IllegalArgumentException("a post-incident review comes after containment");
                    }
                    reviewed = true;
                    break;
                case CUSTOMERS_NOTIFIED:
                    notified = true;
                    break;
                case UPDATE:
                    if (e.customersAffected() != null) {
                        customers = e.customersAffected();
                    }
                    break;
                case CLOSED:
                    if (!contained || !reviewed) {
                        throw new IllegalArgumentException(
                                "an incident is closed once contained and reviewed after the incident");
                    }
                    if (customers > 0 && !notified) {
                        throw new IllegalArgumentException(
                                "an incident that affected customers is closed once they were notified");
                    }
                    break;
                default:
                    break;
            }
        }
        for (int i = 0; i < events.size() - 1; i++) {
            if (events.get(i).type() == IncidentEvent.Type.CLOSED) {
                throw new IllegalArgumentException("nothing follows closing an incident");
            }
        }
    }

    /**
     * The incident as it stood at {@code at}: empty before it came on record, not yet reported before the
     * report, later events left out.
     */
    public Optional<Incident> asOf(Instant at) {
        if (recordedAt.isAfter(at)) {
            return Optional.empty();
        }
        boolean reportLater = reportedAt != null && reportedAt.isAfter(at);
        if (!reportLater
                && (events.isEmpty() || !events.get(events.size() - 1).at().isAfter(at))) {
            return Optional.of(this);
        }
        List<IncidentEvent> then =
                events.stream().filter(e -> !e.at().isAfter(at)).toList();
        return Optional.of(withEvents(reportLater ? null : reportedAt, then));
    }

    /** The first event of this type, if any. */
    public Optional<IncidentEvent> first(IncidentEvent.Type type) {
        return events.stream().filter(e -> e.type() == type).findFirst();
    }

    public @Nullable Instant containedAt() {
        return first(IncidentEvent.Type.CONTAINED).map(IncidentEvent::at).orElse(null);
    }

    public @Nullable Instant closedAt() {
        return first(IncidentEvent.Type.CLOSED).map(IncidentEvent::at).orElse(null);
    }

    public boolean open() {
        return closedAt() == null;
    }

    /** When the operator last heard how things stand: the report, an update, the plan or containment. */
    public Instant lastStatusAt() {
        Instant last = reportedAt != null ? reportedAt : recordedAt;
        for (IncidentEvent e : events) {
            IncidentEvent.Type t = e.type();
            if (t == IncidentEvent.Type.UPDATE
                    || t == IncidentEvent.Type.REMEDIATION_PLAN
                    || t == IncidentEvent.Type.CONTAINED) {
                last = e.at();
            }
        }
        return last;
    }

    /** The count of affected customers as last revised. */
    public long customersAffectedNow() {
        long count = customersAffected;
        for (IncidentEvent e : events) {
            if (e.customersAffected() != null) {
                count = e.customersAffected();
            }
        }
        return count;
    }

    /** The latest review, if any (a later one revises an earlier). */
    public Optional<IncidentReview> review() {
        IncidentReview latest = null;
        for (IncidentEvent e : events) {
            if (e.review() != null) {
                latest = e.review();
            }
        }
        return Optional.ofNullable(latest);
    }
}
