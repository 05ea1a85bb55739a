package dev.warden.server.reviews;

import dev.warden.core.catalog.App;
import dev.warden.core.catalog.AppKey;
import dev.warden.core.catalog.Hosting;
import dev.warden.core.catalog.PartnerId;
import dev.warden.core.policy.PolicyParts;
import dev.warden.core.policy.PolicyVersion;
import dev.warden.core.validation.Fields;
import dev.warden.core.validation.InvalidInputException;
import dev.warden.server.catalog.Apps;
import dev.warden.server.catalog.Partners;
import dev.warden.server.policy.Policies;
import dev.warden.server.reviews.SubmissionViews.Kind;
import dev.warden.server.reviews.Submissions.NewSubmission;
import dev.warden.server.scanning.AppVersions;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.ConflictException;
import dev.warden.server.shared.Versioned;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** What a submission must say before anything is stored: every field checked, every problem named at once. */
@Component
class SubmissionChecks {
    private static final String VERSION = "[A-Za-z0-9][A-Za-z0-9._+-]{0,99}";
    private static final int MAX_ANSWER = 2000;
    private static final int MAX_NOTE = 4000;

    private final Apps apps;
    private final Partners partners;
    private final SubmissionRows rows;
    private final Policies policies;
    private final Clock clock;
    private final AppVersions versions;

    SubmissionChecks(
            Apps apps, Partners partners, SubmissionRows rows, Policies policies, Clock clock, AppVersions versions) {
        this.versions = versions;
        this.apps = apps;
        this.partners = partners;
        this.rows = rows;
        this.policies = policies;
        this.clock = clock;
    }

    /** A submission's fields, checked: the hosting filled in for an app with one listing. */
    record Checked(
            Kind kind,
            PartnerId partner,
            String app,
            @Nullable String appName,
            Hosting hosting,
            String version,
            Map<String, String> answers) {}

    /** Checks a new submission; {@code hasFile} whether its artifact came with it. */
    Checked submission(NewSubmission request, boolean hasFile, Actor by) {
        Fields f = new Fields("invalid submission");
        Kind kind = request.kind();
        f.require("/kind", kind, "is required: NEW_APP, NEW_HOSTING or MAJOR_VERSION");
        PartnerId partner = partnerOf(request, by, f);
        String key = request.app() == null ? "" : request.app().strip();
        Hosting hosting = request.hosting();
        if (!AppKey.isValid(key)) {
            f.error("/app", "is required: the app's key, for example com.example.my-app");
        } else if (kind == Kind.NEW_APP) {
            f.requireText("/appName", request.appName(), "is required for a new app: its name on the listing");
            f.maxLength("/appName", request.appName(), 200);
            f.require("/hosting", hosting, "is required: CLOUD or DATA_CENTER");
            if (apps.find(AppKey.of(key)).isPresent() || rows.keyClaimed(key)) {
                f.error("/app", "'" + key + "' is taken: choose another key");
            }
        } else if (kind != null) {
            App app = apps.find(AppKey.of(key))
                    .map(Versioned::value)
                    .filter(a -> by.canSee(a.partner())
                            && (partner == null || a.partner().equals(partner)))
                    .orElse(null);
            if (app == null) {
                f.error("/app", "no app '" + key + "'" + (partner == null ? "" : " of partner '" + partner + "'"));
            } else if (kind == Kind.NEW_HOSTING) {
                f.require("/hosting", hosting, "is required: the hosting of the new listing");
                if (hosting != null && app.listing(hosting).isPresent()) {
                    f.error("/hosting", "app '" + key + "' is listed on " + hosting + " already");
                }
            } else {
                if (hosting == null && app.listings().size() == 1) {
                    hosting = app.listings().get(0).hosting();
                }
                f.require("/hosting", hosting, "is required: app '" + key + "' has Cloud and Data Center listings");
                if (hosting != null && app.listing(hosting).isEmpty()) {
                    f.error("/hosting", "app '" + key + "' has no " + hosting + " listing");
                }
            }
        }
        String version = version(request.version(), f);
        Map<String, String> answers = answers(Objects.requireNonNull(request.answers()), f);
        if (!hasFile) {
            f.error("/file", "is required: the app's artifact (JAR, OBR, ZIP or JS bundle)");
        }
        f.check();
        Objects.requireNonNull(kind);
        Objects.requireNonNull(hosting);
        if (kind != Kind.NEW_APP && versions.exists(key, hosting, version)) {
            throw new ConflictException("app '" + key + "' already has version " + version + " on " + hosting);
        }
        if (rows.openFor(key, hosting.name(), kind.name())) {
            throw new ConflictException("app '" + key + "' has an open " + kind + " submission on " + hosting
                    + " already: resubmit or withdraw that one");
        }
        return new Checked(
                Objects.requireNonNull(kind),
                Objects.requireNonNull(partner),
                key,
                kind == Kind.NEW_APP ? Objects.requireNonNull(request.appName()).strip() : null,
                Objects.requireNonNull(hosting),
                version,
                answers);
    }

    private @Nullable PartnerId partnerOf(NewSubmission request, Actor by, Fields f) {
        if (by.partner() != null) {
            if (request.partner() != null
                    && !request.partner().equals(by.partner().value())) {
                f.error("/partner", "a partner submits only its own apps");
            }
            return by.partner();
        }
        String given = request.partner() == null ? "" : request.partner().strip();
        if (!PartnerId.isValid(given) || !partners.exists(PartnerId.of(given))) {
            f.error("/partner", "is required when the operator submits: an existing partner's id");
            return null;
        }
        return PartnerId.of(given);
    }

    static String version(@Nullable String given, Fields f) {
        String v = given == null ? "" : given.strip();
        if (!v.matches(VERSION)) {
            f.error("/version", "is required: 1 to 100 letters, digits, '.', '_', '+' or '-', for example 2.0.0");
        }
        return v;
    }

    /** Every question of the questionnaire in force answered, with an answer it offers; nothing else. */
    Map<String, String> answers(Map<String, String> given, Fields f) {
        Map<String, String> out = new LinkedHashMap<>();
        PolicyVersion policy = policies.inForce().inForceAt(clock.instant());
        for (String id : given.keySet()) {
            if (policy.questions().stream().noneMatch(q -> q.id().equals(id))) {
                f.error("/answers/" + id, "is not a question of the questionnaire in force");
            }
        }
        for (PolicyParts.Question q : policy.questions()) {
            String a = given.get(q.id());
            String pointer = "/answers/" + q.id();
            if (a == null || a.isBlank()) {
                f.error(pointer, "is required: " + q.text());
            } else if (a.length() > MAX_ANSWER) {
                f.error(pointer, "is longer than " + MAX_ANSWER + " characters");
            } else if (q.type() != PolicyParts.AnswerType.TEXT && !q.answers().containsKey(a.strip())) {
                f.error(pointer, "must be one of " + q.answers().keySet());
            } else {
                out.put(q.id(), a.strip());
            }
        }
        return out;
    }

    static @Nullable String note(@Nullable String note, boolean required) {
        String n = note == null ? "" : note.strip();
        if (n.isEmpty()) {
            if (required) {
                throw new InvalidInputException("/note", "is required: the reason, which the partner reads");
            }
            return null;
        }
        if (n.length() > MAX_NOTE) {
            throw new InvalidInputException("/note", "is longer than " + MAX_NOTE + " characters");
        }
        return n;
    }
}
