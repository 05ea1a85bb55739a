package dev.warden.server.web;

import dev.warden.core.catalog.App;
import dev.warden.core.obligations.TokenUse;
import dev.warden.core.validation.InvalidInputException;
import dev.warden.server.catalog.Apps;
import dev.warden.server.domains.DomainViews;
import dev.warden.server.enforcement.EnforcementCases;
import dev.warden.server.obligations.ObligationRequests;
import dev.warden.server.obligations.TokenUses;
import dev.warden.server.scanning.AppVersions;
import dev.warden.server.scanning.FindingReviews;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.Paging;
import dev.warden.server.shared.Permission;
import dev.warden.server.shared.Requires;
import java.time.Clock;
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

/** An app: its listings and their state (hidden or paused by enforcement), badges, and its cases. */
@Controller
class AppPageController {
    private final Apps apps;
    private final EnforcementCases cases;
    private final TokenUses tokenUses;
    private final dev.warden.server.obligations.BadgeAwards badges;
    private final dev.warden.server.obligations.PrivacyDeclarations privacy;
    private final dev.warden.server.obligations.ScopeReviews scopeReviews;
    private final History history;
    private final AppVersions versions;
    private final FindingReviews findings;
    private final DomainViews domains;
    private final Clock clock;

    AppPageController(
            Apps apps,
            EnforcementCases cases,
            TokenUses tokenUses,
            dev.warden.server.obligations.BadgeAwards badges,
            dev.warden.server.obligations.PrivacyDeclarations privacy,
            dev.warden.server.obligations.ScopeReviews scopeReviews,
            History history,
            AppVersions versions,
            FindingReviews findings,
            DomainViews domains,
            Clock clock) {
        this.history = history;
        this.versions = versions;
        this.findings = findings;
        this.domains = domains;
        this.tokenUses = tokenUses;
        this.badges = badges;
        this.privacy = privacy;
        this.scopeReviews = scopeReviews;
        this.apps = apps;
        this.cases = cases;
        this.clock = clock;
    }

    @PostMapping("/apps/{key}/token-use/declaration")
    @Requires(Permission.OBLIGATIONS_RESPOND)
    String declare(
            @PathVariable String key,
            @RequestParam(defaultValue = "false") boolean collects,
            @RequestParam(defaultValue = "false") boolean transmits,
            @RequestParam(defaultValue = "false") boolean stores,
            Actor actor,
            RedirectAttributes redirect) {
        return Forms.back(
                "/apps/" + key,
                redirect,
                "declared",
                () -> tokenUses.declare(key, new ObligationRequests.Declaration(collects, transmits, stores), actor));
    }

    @PostMapping("/apps/{key}/token-use/migration")
    @Requires(Permission.OBLIGATIONS_RESPOND)
    String migration(
            @PathVariable String key,
            @RequestParam(required = false) TokenUse.@Nullable Migration migration,
            Actor actor,
            RedirectAttributes redirect) {
        return Forms.back(
                "/apps/" + key,
                redirect,
                "migration",
                () -> tokenUses.migration(key, new ObligationRequests.Migration(migration), actor));
    }

    @PostMapping("/apps/{key}/token-use/extension")
    @Requires(Permission.OBLIGATIONS_MANAGE)
    String extension(
            @PathVariable String key,
            @RequestParam(defaultValue = "") String platformRequest,
            @RequestParam(defaultValue = "false") boolean open,
            Actor actor,
            RedirectAttributes redirect) {
        return Forms.back(
                "/apps/" + key,
                redirect,
                "extension",
                () -> tokenUses.extension(
                        key, new ObligationRequests.Extension(Forms.blankToNull(platformRequest), open), actor));
    }

    /** The scanner's evidence: a {@code warden scan --format json} report of the app's artifact, uploaded. */
    @PostMapping(path = "/apps/{key}/token-use/scans", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Requires(Permission.OBLIGATIONS_MANAGE)
    String scan(
            @PathVariable String key,
            @RequestParam(required = false) @Nullable MultipartFile report,
            Actor actor,
            RedirectAttributes redirect) {
        return Forms.back("/apps/" + key, redirect, "scan", () -> {
            if (report == null || report.isEmpty()) {
                throw new InvalidInputException("/report", "choose the JSON report of `warden scan --format json`");
            }
            if (report.getSize() > TokenUses.MAX_REPORT_BYTES) {
                throw new InvalidInputException(
                        "/report", "is larger than " + TokenUses.MAX_REPORT_BYTES / (1024 * 1024) + " MB");
            }
            try {
                tokenUses.scan(key, report.getBytes(), actor);
            } catch (java.io.IOException e) {
                throw new InvalidInputException("/report", "could not be read: the upload was cut short");
            }
        });
    }

    @GetMapping("/apps/{key}")
    @Requires(Permission.CATALOG_READ)
    String app(
            @PathVariable String key, @RequestParam(required = false) @Nullable String done, Actor actor, Model model) {
        App app = apps.visible(key, actor).value();
        model.addAttribute("actor", actor);
        model.addAttribute("fmt", new Formats(clock.instant()));
        model.addAttribute("app", app);
        if (actor.can(Permission.ENFORCEMENT_READ)) {
            model.addAttribute(
                    "cases",
                    cases.cases(null, null, null, key, new Paging(0, 50), actor).items());
        }
        if (actor.can(Permission.OBLIGATIONS_READ)) {
            model.addAttribute("tokenUse", tokenUses.get(key, actor));
            model.addAttribute("fortified", badges.get(key, "CLOUD_FORTIFIED", actor));
            model.addAttribute("privacy", privacy.get(key, actor));
            model.addAttribute("scopeReview", scopeReviews.get(key, actor));
            model.addAttribute("storages", dev.warden.core.catalog.SecretStorage.values());
        }
        model.addAttribute(
                "versions", versions.list(key, new Paging(0, 20), actor).items());
        model.addAttribute("canUpload", actor.can(Permission.ARTIFACTS_UPLOAD));
        if (actor.can(Permission.TICKETS_READ)) {
            model.addAttribute("findings", findings.ofApp(key, actor));
        }
        model.addAttribute("redirects", domains.ofApp(key));
        model.addAttribute("canDeclare", actor.can(Permission.OBLIGATIONS_RESPOND));
        model.addAttribute("canManage", actor.can(Permission.OBLIGATIONS_MANAGE));
        model.addAttribute("canEditApp", actor.can(Permission.CATALOG_WRITE));
        model.addAttribute("migrations", TokenUse.Migration.values());
        model.addAttribute("done", Forms.said(done));
        history.addTo(
                model,
                actor,
                "app",
                key,
                "token_use",
                key,
                "badge_award",
                key + "/CLOUD_FORTIFIED",
                "privacy_declaration",
                key,
                "scope_review",
                key);
        return "app";
    }
}
