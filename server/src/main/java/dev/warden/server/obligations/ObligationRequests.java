package dev.warden.server.obligations;

import dev.warden.core.obligations.BountyProgram;
import dev.warden.core.obligations.EntityChange;
import dev.warden.core.obligations.IncidentCategory;
import dev.warden.core.obligations.IncidentEvent;
import dev.warden.core.obligations.IncidentPriority;
import dev.warden.core.obligations.IncidentProcess;
import dev.warden.core.obligations.IncidentReview;
import dev.warden.core.obligations.TokenUse;
import dev.warden.core.obligations.VerificationEvent;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The bodies of the obligation endpoints; fields are checked by the facades, which say what is missing. */
public final class ObligationRequests {
    private ObligationRequests() {}

    /**
     * Reporting an incident. A partner reports its own, now; the operator names the partner and may give
     * when the partner reported it (if it came in another way).
     */
    public record ReportIncident(
            @Nullable String partner,
            @Nullable List<String> apps,
            @Nullable IncidentCategory category,
            @Nullable String title,
            @Nullable Instant awareAt,
            @Nullable Instant reportedAt,
            @Nullable Boolean activeExploitation,
            @Nullable Long customersAffected,
            @Nullable Boolean unreported,
            @Nullable IncidentPriority priority,
            @Nullable Boolean enterpriseCustomers) {

        /** A report with neither the operator's own record nor priority nor Enterprise use. */
        public ReportIncident(
                @Nullable String partner,
                @Nullable List<String> apps,
                @Nullable IncidentCategory category,
                @Nullable String title,
                @Nullable Instant awareAt,
                @Nullable Instant reportedAt,
                @Nullable Boolean activeExploitation,
                @Nullable Long customersAffected) {
            this(
                    partner,
                    apps,
                    category,
                    title,
                    awareAt,
                    reportedAt,
                    activeExploitation,
                    customersAffected,
                    null,
                    null,
                    null);
        }
    }

    /**
     * The partner's report of an incident the operator recorded first: raised now with this priority (the
     * operator may give when a report reached it by another channel).
     */
    public record PartnerReport(
            @Nullable IncidentPriority priority, @Nullable Instant reportedAt) {}

    /** Something that happened to an incident, now. */
    public record IncidentEventRequest(
            IncidentEvent.@Nullable Type type,
            @Nullable String text,
            @Nullable Long customersAffected,
            @Nullable IncidentReview review) {}

    /**
     * A bug bounty program, without its id (Warden assigns one). {@code scheduledOn}, the day the go-public
     * was scheduled with the platform, defaults to the day a program is first recorded as SCHEDULED.
     */
    public record ProgramRequest(
            @Nullable String partner,
            @Nullable String platform,
            @Nullable List<String> apps,
            BountyProgram.@Nullable Visibility visibility,
            @Nullable LocalDate publicOn,
            @Nullable LocalDate launchedOn,
            @Nullable Boolean funded,
            BountyProgram.@Nullable Status status,
            @Nullable Double medianTriageDays,
            @Nullable LocalDate lastActivityOn,
            @Nullable LocalDate scheduledOn) {}

    /** Asking a partner to verify; {@code requestedAt} defaults to now. */
    public record RequestVerification(
            @Nullable String partner, @Nullable Instant requestedAt) {}

    /** A step of a verification, now. */
    public record VerificationEventRequest(
            VerificationEvent.@Nullable Type type, @Nullable String note) {}

    /**
     * A change to the verified entity. Reported by the partner, it is notified now; recorded by the
     * operator (who learned of it another way), it stays unreported until the partner reports it.
     */
    public record EntityChangeRequest(
            @Nullable String partner,
            EntityChange.@Nullable Kind kind,
            @Nullable String description,
            @Nullable LocalDate happenedOn) {}

    /** The partner's declaration about user API tokens. */
    public record Declaration(
            @Nullable Boolean collects,
            @Nullable Boolean transmits,
            @Nullable Boolean stores) {}

    /** The app's migration status. */
    public record Migration(TokenUse.@Nullable Migration migration) {}

    /** The operator's record of the platform work that extends the window. */
    @Schema(name = "TokenUseExtensionRequest")
    public record Extension(
            @Nullable String platformRequest, @Nullable Boolean open) {}

    /**
     * The partner's attestation of its documented incident response process, made now by the caller.
     *
     * @param covers which of INVESTIGATION, CONTAINMENT, COLLABORATION the document covers
     */
    public record ProcessAttestation(
            @Nullable String document,
            @Nullable LocalDate reviewedOn,
            @Nullable List<IncidentProcess.Element> covers,
            @Nullable String notes) {}
}
