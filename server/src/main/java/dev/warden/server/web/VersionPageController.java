package dev.warden.server.web;

import dev.warden.core.catalog.Hosting;
import dev.warden.core.validation.InvalidInputException;
import dev.warden.server.scanning.AppVersions;
import dev.warden.server.scanning.FindingReviews;
import dev.warden.server.scanning.VersionViews;
import dev.warden.server.shared.Actor;
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

/**
 * An app's versions in the console and the portal: upload one, follow its scan, read what it found,
 * and (the operator) ask for a rescan or mark a finding a false positive.
 */
@Controller
class VersionPageController {
    private final AppVersions versions;
    private final FindingReviews reviews;
    private final Clock clock;

    VersionPageController(AppVersions versions, FindingReviews reviews, Clock clock) {
        this.versions = versions;
        this.reviews = reviews;
        this.clock = clock;
    }

    @PostMapping(path = "/apps/{key}/versions", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Requires(Permission.ARTIFACTS_UPLOAD)
    String upload(
            @PathVariable String key,
            @RequestParam(defaultValue = "") String version,
            @RequestParam(required = false) @Nullable Hosting hosting,
            @RequestParam(required = false) @Nullable MultipartFile file,
            Actor actor,
            RedirectAttributes redirect) {
        String[] added = new String[1];
        String view = Forms.back("/apps/" + key, redirect, "version-added", () -> {
            if (file == null || file.isEmpty()) {
                throw new InvalidInputException("/file", "choose the app's artifact (JAR, OBR, ZIP or JS bundle)");
            }
            AppVersions.Upload upload = AppVersions.Upload.of(file);
            added[0] = "/apps/" + key + "/versions/"
                    + versions.add(key, new AppVersions.NewVersion(version, hosting, null, null), upload, actor)
                            .id();
        });
        // The redirect attributes Forms.back set (done=version-added) follow to the version page.
        return added[0] != null ? "redirect:" + Forms.localPath(added[0]) : view;
    }

    @GetMapping("/apps/{key}/versions/{id}")
    @Requires(Permission.CATALOG_READ)
    String version(
            @PathVariable String key,
            @PathVariable long id,
            @RequestParam(required = false) @Nullable String done,
            Actor actor,
            Model model) {
        VersionViews.Version version = versions.get(key, id, actor);
        model.addAttribute("actor", actor);
        model.addAttribute("fmt", new Formats(clock.instant()));
        model.addAttribute("version", version);
        VersionViews.Scan scan = version.scan();
        model.addAttribute(
                "working",
                scan == null && version.pullError() == null
                        || scan != null
                                && (scan.status().equals("QUEUED")
                                        || scan.status().equals("RUNNING")));
        if (actor.can(Permission.TICKETS_READ)) {
            model.addAttribute("results", versions.results(key, id, actor));
        }
        model.addAttribute("canManage", actor.can(Permission.TICKETS_MANAGE));
        model.addAttribute("done", Forms.said(done));
        return "version";
    }

    @PostMapping("/apps/{key}/versions/{id}/scans")
    @Requires(Permission.TICKETS_MANAGE)
    String rescan(@PathVariable String key, @PathVariable long id, Actor actor, RedirectAttributes redirect) {
        return Forms.back(
                "/apps/" + key + "/versions/" + id, redirect, "rescan", () -> versions.rescan(key, id, actor));
    }

    @PostMapping("/apps/{key}/versions/{id}/false-positives")
    @Requires(Permission.TICKETS_MANAGE)
    String falsePositive(
            @PathVariable String key,
            @PathVariable long id,
            @RequestParam(defaultValue = "") String finding,
            @RequestParam(defaultValue = "") String reason,
            Actor actor,
            RedirectAttributes redirect) {
        return Forms.back(
                "/apps/" + key + "/versions/" + id,
                redirect,
                "false-positive",
                () -> reviews.falsePositive(finding, Forms.blankToNull(reason), actor));
    }
}
