package dev.warden.server.notifications;

import dev.warden.server.reviews.SubmissionChanged;
import dev.warden.server.shared.Role;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The security review's notices: the analysts hear of a submission (or a resubmission) waiting in the
 * queue; the partner's security contacts hear the decision (approved with its conditions, rejected or
 * changes requested, with the reason) by mail and by the {@code submission.decided} webhook event.
 */
@Component
class ReviewNotices {
    private static final List<String> DECISIONS = List.of("APPROVED", "REJECTED", "CHANGES_REQUESTED");

    private final Mailer mailer;

    ReviewNotices(Mailer mailer) {
        this.mailer = mailer;
    }

    @EventListener
    void submissionChanged(SubmissionChanged s) {
        String key = "submission:" + s.id() + ":" + s.steps();
        String path = "/submissions/" + s.id();
        Map<String, Object> values = new HashMap<>();
        values.put("id", s.id());
        values.put("app", s.app());
        values.put("version", s.version());
        values.put("step", s.step());
        values.put("note", s.note() == null ? "" : s.note());
        if (s.step().equals("SUBMITTED") || s.step().equals("RESUBMITTED")) {
            mailer.toOperator(
                    Role.SECURITY_ANALYST,
                    key,
                    "SUBMISSION_WAITING",
                    s.partner(),
                    "[Warden] Security review: " + s.app() + " " + s.version()
                            + (s.step().equals("RESUBMITTED") ? " resubmitted" : " submitted"),
                    "submission-waiting",
                    values,
                    path);
            return;
        }
        if (!DECISIONS.contains(s.step())) {
            return;
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("submission", s.id());
        data.put("partner", s.partner().value());
        data.put("app", s.app());
        data.put("version", s.version());
        data.put("decision", s.step());
        data.put("note", s.note() == null ? "" : s.note());
        data.put("link", mailer.base() + path);
        mailer.announce("submission.decided", s.partner(), key, data);
        String said = switch (s.step()) {
            case "APPROVED" -> "approved";
            case "REJECTED" -> "rejected";
            default -> "changes requested";
        };
        mailer.toPartner(
                key,
                "SUBMISSION_" + s.step(),
                s.partner(),
                "[Warden] Security review of " + s.app() + " " + s.version() + ": " + said,
                "submission-decided",
                values,
                path);
    }
}
