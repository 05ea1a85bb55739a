package dev.warden.server.web;

import dev.warden.core.catalog.Hosting;
import dev.warden.server.catalog.Apps;
import dev.warden.server.reviews.SubmissionViews;
import dev.warden.server.reviews.Submissions;
import dev.warden.server.scanning.AppVersions;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.Paging;
import dev.warden.server.shared.Permission;
import dev.warden.server.shared.Requires;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The security review in the console and the portal: the queue (an analyst's filters, a partner's own
 * submissions), the submission form with the questionnaire in force, and a submission's page with its
 * signals, steps and the next steps each side may take.
 */
@Controller
class SubmissionPageController {
    private static final String ANSWER = "answer.";

    private final Submissions submissions;
    private final Apps apps;
    private final Clock clock;

    private final dev.warden.server.catalog.PartnerChoices partnerChoices;

    SubmissionPageController(
            dev.warden.server.catalog.PartnerChoices partnerChoices, Submissions submissions, Apps apps, Clock clock) {
        this.partnerChoices = partnerChoices;
        this.submissions = submissions;
        this.apps = apps;
        this.clock = clock;
    }

    @GetMapping("/submissions")
    @Requires(Permission.OBLIGATIONS_READ)
    String queue(
            @RequestParam(required = false) SubmissionViews.@Nullable State state,
            @RequestParam(required = false) SubmissionViews.@Nullable Kind kind,
            @RequestParam(required = false) @Nullable String assignee,
            @RequestParam(required = false) @Nullable String app,
            @RequestParam(required = false) @Nullable String partner,
            @RequestParam(defaultValue = "0") int page,
            Actor actor,
            Model model) {
        // An analyst's queue opens on what waits for a decision; a filter on state shows that state.
        Boolean open = state == null && !actor.isPartner() ? Boolean.TRUE : null;
        model.addAttribute(
                "page",
                submissions.list(
                        new Submissions.Query(
                                state,
                                open,
                                Forms.blankToNull(partner),
                                kind,
                                Forms.blankToNull(assignee),
                                Forms.blankToNull(app)),
                        new Paging(page, Paging.DEFAULT_SIZE),
                        actor));
        model.addAttribute("actor", actor);
        model.addAttribute("fmt", new Formats(clock.instant()));
        model.addAttribute("states", SubmissionViews.State.values());
        model.addAttribute("kinds", SubmissionViews.Kind.values());
        model.addAttribute("state", state);
        model.addAttribute("kind", kind);
        model.addAttribute("assignee", assignee);
        model.addAttribute("app", app);
        model.addAttribute("partner", partner);
        model.addAttribute("canSubmit", actor.can(Permission.OBLIGATIONS_RESPOND));
        return "submissions";
    }

    @GetMapping("/submissions/new")
    @Requires(Permission.OBLIGATIONS_RESPOND)
    String form(@RequestParam(required = false) @Nullable String app, Actor actor, Model model) {
        Map<String, String> values = new LinkedHashMap<>();
        if (app != null) {
            values.put("app", app);
            values.put("kind", "MAJOR_VERSION");
        }
        return form(values, List.of(), actor, model);
    }

    private String form(Map<String, String> values, List<String> errors, Actor actor, Model model) {
        model.addAttribute("actor", actor);
        model.addAttribute("values", values);
        model.addAttribute("errors", errors);
        model.addAttribute("questions", submissions.questionnaire());
        model.addAttribute("apps", actor.partner() == null ? List.of() : apps.ofPartner(actor.partner()));
        model.addAttribute("partnerChoices", partnerChoices.of(actor));
        return "submission-new";
    }

    @PostMapping(path = "/submissions", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Requires(Permission.OBLIGATIONS_RESPOND)
    String submit(
            @RequestParam Map<String, String> fields,
            @RequestParam(required = false) @Nullable MultipartFile file,
            Actor actor,
            Model model) {
        return Forms.submit(
                () -> {
                    SubmissionViews.Submission created = submissions.submit(
                            new Submissions.NewSubmission(
                                    kind(fields.get("kind")),
                                    Forms.blankToNull(fields.get("partner")),
                                    fields.get("app"),
                                    Forms.blankToNull(fields.get("appName")),
                                    hosting(fields.get("hosting")),
                                    fields.get("version"),
                                    answers(fields)),
                            upload(file),
                            actor);
                    return "redirect:/submissions/" + created.id() + "?done=submitted";
                },
                errors -> form(fields, errors, actor, model));
    }

    @GetMapping("/submissions/{id}")
    @Requires(Permission.OBLIGATIONS_READ)
    String submission(
            @PathVariable long id, @RequestParam(required = false) @Nullable String done, Actor actor, Model model) {
        SubmissionViews.Submission s = submissions.get(id, actor);
        model.addAttribute("actor", actor);
        model.addAttribute("fmt", new Formats(clock.instant()));
        model.addAttribute("s", s);
        model.addAttribute("questions", submissions.questionnaire());
        model.addAttribute("working", s.verdict().equals("PENDING"));
        model.addAttribute("canReview", !actor.isPartner() && actor.can(Permission.OBLIGATIONS_MANAGE));
        model.addAttribute("canRespond", actor.can(Permission.OBLIGATIONS_RESPOND));
        model.addAttribute("done", Forms.said(done));
        return "submission";
    }

    @PostMapping("/submissions/{id}/assignee")
    @Requires(Permission.OBLIGATIONS_MANAGE)
    String assign(
            @PathVariable long id,
            @RequestParam(defaultValue = "") String assignee,
            Actor actor,
            RedirectAttributes redirect) {
        return Forms.back(
                "/submissions/" + id, redirect, "submission-assigned", () -> submissions.assign(id, assignee, actor));
    }

    @PostMapping("/submissions/{id}/decisions")
    @Requires(Permission.OBLIGATIONS_MANAGE)
    String decide(
            @PathVariable long id,
            @RequestParam(required = false) Submissions.Decision.@Nullable Type type,
            @RequestParam(defaultValue = "") String note,
            Actor actor,
            RedirectAttributes redirect) {
        return Forms.back(
                "/submissions/" + id,
                redirect,
                type == null
                        ? "submission-decided"
                        : "submission-" + type.name().toLowerCase(java.util.Locale.ROOT),
                () -> submissions.decide(id, new Submissions.Decision(type, note), actor));
    }

    @PostMapping(path = "/submissions/{id}/resubmissions", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Requires(Permission.OBLIGATIONS_RESPOND)
    String resubmit(
            @PathVariable long id,
            @RequestParam Map<String, String> fields,
            @RequestParam(required = false) @Nullable MultipartFile file,
            Actor actor,
            RedirectAttributes redirect) {
        return Forms.back(
                "/submissions/" + id,
                redirect,
                "resubmitted",
                () -> submissions.resubmit(
                        id,
                        new Submissions.Resubmission(Forms.blankToNull(fields.get("version")), answers(fields)),
                        upload(file),
                        actor));
    }

    @PostMapping("/submissions/{id}/withdrawal")
    @Requires(Permission.OBLIGATIONS_RESPOND)
    String withdraw(
            @PathVariable long id,
            @RequestParam(defaultValue = "") String note,
            Actor actor,
            RedirectAttributes redirect) {
        return Forms.back("/submissions/" + id, redirect, "withdrawn", () -> submissions.withdraw(id, note, actor));
    }

    /** The questionnaire's answers of a form: its fields named answer.&lt;question id&gt;. */
    private static Map<String, String> answers(Map<String, String> fields) {
        Map<String, String> out = new LinkedHashMap<>();
        fields.forEach((k, v) -> {
            if (k.startsWith(ANSWER) && !v.isBlank()) {
                out.put(k.substring(ANSWER.length()), v);
            }
        });
        return out;
    }

    private static AppVersions.@Nullable Upload upload(@Nullable MultipartFile file) {
        return file == null || file.isEmpty() ? null : AppVersions.Upload.of(file);
    }

    private static SubmissionViews.@Nullable Kind kind(@Nullable String name) {
        for (SubmissionViews.Kind k : SubmissionViews.Kind.values()) {
            if (k.name().equals(name)) {
                return k;
            }
        }
        return null;
    }

    private static @Nullable Hosting hosting(@Nullable String name) {
        for (Hosting h : Hosting.values()) {
            if (h.name().equals(name)) {
                return h;
            }
        }
        return null;
    }
}
