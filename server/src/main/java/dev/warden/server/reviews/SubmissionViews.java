package dev.warden.server.reviews;

import dev.warden.core.catalog.Hosting;
import dev.warden.server.scanning.LooseArtifacts;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** What the API and the pages show of submissions. */
public final class SubmissionViews {
    private SubmissionViews() {}

    /**
     * A submission: what is submitted, where it stands, the signals of its answers and its scan, and its
     * steps. {@code verdict} is FAIL when any signal fails, PENDING while the scan has not finished,
     * otherwise WARNING or PASS. {@code overriddenBy} names who overrode the current round's FAIL, if
     * anyone has.
     */
    public record Submission(
            long id,
            String partner,
            Kind kind,
            String app,
            @Nullable String appName,
            Hosting hosting,
            String version,
            State state,
            int round,
            @Nullable String assignee,
            Instant submittedAt,
            Instant createdAt,
            Artifact artifact,
            Map<String, String> answers,
            List<Signal> signals,
            String verdict,
            @Nullable String overriddenBy,
            List<Event> events) {
        /** Whether an analyst may still decide it. */
        public boolean open() {
            return state == State.SUBMITTED || state == State.IN_REVIEW;
        }
    }

    /** What a submission asks for. */
    public enum Kind {
        /** An app not yet on the marketplace: approving it creates the app with its one listing. */
        NEW_APP,
        /** A listing of an existing app on a hosting it is not listed on yet. */
        NEW_HOSTING,
        /** A new major version of a listed app. */
        MAJOR_VERSION
    }

    /** Where a submission stands. */
    public enum State {
        SUBMITTED,
        IN_REVIEW,
        CHANGES_REQUESTED,
        REJECTED,
        APPROVED,
        WITHDRAWN
    }

    /** The submitted artifact and its scan (null until one is queued). */
    public record Artifact(String sha256, @Nullable String fileName, LooseArtifacts.@Nullable State scan) {}

    /** One signal: where it comes from ("answer user-api-tokens", "scan pat-collection"), PASS/WARNING/FAIL, why. */
    public record Signal(String source, String signal, String why) {}

    /** One step; {@code by} is "operator" for the operator's people when a partner reads it. */
    @Schema(name = "SubmissionEvent")
    public record Event(
            String type,
            int round,
            Instant at,
            String by,
            @Nullable String note) {}

    /** One question of the questionnaire in force, with the answers it offers (none for free text). */
    public record Question(String id, String text, String type, List<String> answers) {}
}
