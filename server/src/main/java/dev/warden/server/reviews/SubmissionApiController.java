package dev.warden.server.reviews;

import dev.warden.server.scanning.AppVersions;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.Page;
import dev.warden.server.shared.Paging;
import dev.warden.server.shared.Permission;
import dev.warden.server.shared.Requires;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** {@code /api/v1/submissions}: the new-app security review. */
@RestController
@Tag(
        name = "Security review",
        description = "Submissions of new apps, new hostings and major versions, their signals, and the review queue")
class SubmissionApiController {
    private final Submissions submissions;

    SubmissionApiController(Submissions submissions) {
        this.submissions = submissions;
    }

    @GetMapping("/api/v1/submissions/questionnaire")
    @Requires(Permission.OBLIGATIONS_READ)
    @Operation(
            summary = "The security questionnaire in force",
            description = "Each question's id, text, type (YES_NO, CHOICE or TEXT) and the answers it offers.")
    List<SubmissionViews.Question> questionnaire() {
        return submissions.questionnaire();
    }

    @GetMapping("/api/v1/submissions")
    @Requires(Permission.OBLIGATIONS_READ)
    @Operation(
            summary = "List submissions (the review queue)",
            description = "Oldest submitted first. Filters: state, open=true (SUBMITTED or IN_REVIEW), partner, kind,"
                    + " assignee (a username, me, or none), app (part of the key). A partner sees its own.")
    Page<SubmissionViews.Submission> list(
            @RequestParam(required = false) SubmissionViews.@Nullable State state,
            @RequestParam(required = false) @Nullable Boolean open,
            @RequestParam(required = false) @Nullable String partner,
            @RequestParam(required = false) SubmissionViews.@Nullable Kind kind,
            @RequestParam(required = false) @Nullable String assignee,
            @RequestParam(required = false) @Nullable String app,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "" + Paging.DEFAULT_SIZE) int size,
            Actor actor) {
        return submissions.list(
                new Submissions.Query(state, open, partner, kind, assignee, app), new Paging(page, size), actor);
    }

    @PostMapping(value = "/api/v1/submissions", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Requires(Permission.OBLIGATIONS_RESPOND)
    @Operation(
            summary = "Submit an app for the security review",
            description =
                    "Multipart: submission (application/json: kind NEW_APP, NEW_HOSTING or MAJOR_VERSION; app, the"
                            + " key; appName for a new app; hosting; version; answers, one per question of the questionnaire;"
                            + " partner only when the operator submits for a partner) and file, the artifact, which is scanned"
                            + " at once. 409 while the app has an open submission of the same kind.")
    ResponseEntity<SubmissionViews.Submission> submit(
            @RequestPart(name = "submission", required = false) Submissions.@Nullable NewSubmission submission,
            @RequestPart(name = "file", required = false) @Nullable MultipartFile file,
            Actor actor) {
        Submissions.NewSubmission body = submission == null
                ? new Submissions.NewSubmission(null, null, null, null, null, null, null)
                : submission;
        SubmissionViews.Submission created = submissions.submit(body, upload(file), actor);
        return ResponseEntity.created(URI.create("/api/v1/submissions/" + created.id()))
                .body(created);
    }

    @GetMapping("/api/v1/submissions/{id}")
    @Requires(Permission.OBLIGATIONS_READ)
    @Operation(
            summary = "Get a submission",
            description = "With its answers, the artifact's scan, every signal (answers and scan: PASS, WARNING,"
                    + " FAIL), the verdict (FAIL, PENDING while the scan runs, WARNING or PASS), and every step.")
    SubmissionViews.Submission get(@PathVariable long id, Actor actor) {
        return submissions.get(id, actor);
    }

    @PostMapping(value = "/api/v1/submissions/{id}/resubmissions", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Requires(Permission.OBLIGATIONS_RESPOND)
    @Operation(
            summary = "Resubmit after changes were requested",
            description = "Multipart: submission (application/json: version, to change it, and answers, all of them"
                    + " again) and file, a new artifact (leave it out to keep the last one). Starts the next round.")
    SubmissionViews.Submission resubmit(
            @PathVariable long id,
            @RequestPart(name = "submission", required = false) Submissions.@Nullable Resubmission submission,
            @RequestPart(name = "file", required = false) @Nullable MultipartFile file,
            Actor actor) {
        return submissions.resubmit(
                id, submission == null ? new Submissions.Resubmission(null, null) : submission, upload(file), actor);
    }

    /** A note given with a step. */
    @Schema(name = "SubmissionNote")
    record Note(@Nullable String note) {}

    @PostMapping("/api/v1/submissions/{id}/withdrawal")
    @Requires(Permission.OBLIGATIONS_RESPOND)
    @Operation(summary = "Withdraw a submission", description = "Body: note (optional). Before it is decided.")
    SubmissionViews.Submission withdraw(@PathVariable long id, @RequestBody Note body, Actor actor) {
        return submissions.withdraw(id, body.note(), actor);
    }

    /** Who reviews a submission. */
    record Assignee(@Nullable String assignee) {}

    @PutMapping("/api/v1/submissions/{id}/assignee")
    @Requires(Permission.OBLIGATIONS_MANAGE)
    @Operation(
            summary = "Assign a submission",
            description = "Body: assignee, an operator's username or me; empty puts it back in the queue unassigned.")
    SubmissionViews.Submission assign(@PathVariable long id, @RequestBody Assignee body, Actor actor) {
        return submissions.assign(id, body.assignee(), actor);
    }

    @PostMapping("/api/v1/submissions/{id}/decisions")
    @Requires(Permission.OBLIGATIONS_MANAGE)
    @Operation(
            summary = "Decide a submission",
            description = "Body: type and note. APPROVE (note: the conditions, optional) waits for the scan; over a"
                    + " failing signal it needs an OVERRIDE (note: why) by another person first. Approving a new app"
                    + " creates it with its listing, a new hosting adds the listing, and the artifact becomes the"
                    + " listing's version. REJECT is final; REQUEST_CHANGES lets the partner resubmit; both need the"
                    + " note the partner reads.")
    SubmissionViews.Submission decide(@PathVariable long id, @RequestBody Submissions.Decision body, Actor actor) {
        return submissions.decide(id, body, actor);
    }

    private static AppVersions.@Nullable Upload upload(@Nullable MultipartFile file) {
        return file == null || file.isEmpty() && file.getOriginalFilename() == null
                ? null
                : AppVersions.Upload.of(file);
    }
}
