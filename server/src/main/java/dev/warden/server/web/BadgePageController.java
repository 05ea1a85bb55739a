package dev.warden.server.web;

import dev.warden.core.obligations.BadgeAward;
import dev.warden.server.obligations.BadgeAwards;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.Permission;
import dev.warden.server.shared.Requires;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The app page's forms about what the listing shows: the Cloud Fortified badge (the partner applies, an
 * analyst decides and reviews), the Privacy and Security declaration (the partner declares) and the
 * periodic review of the app's OAuth scopes (the partner records it).
 */
@Controller
class BadgePageController {
    private final BadgeAwards badges;
    private final dev.warden.server.obligations.PrivacyDeclarations privacy;
    private final dev.warden.server.obligations.ScopeReviews scopes;

    BadgePageController(
            BadgeAwards badges,
            dev.warden.server.obligations.PrivacyDeclarations privacy,
            dev.warden.server.obligations.ScopeReviews scopes) {
        this.badges = badges;
        this.privacy = privacy;
        this.scopes = scopes;
    }

    @PostMapping("/apps/{key}/scope-review")
    @Requires(Permission.OBLIGATIONS_RESPOND)
    String reviewScopes(
            @PathVariable String key,
            @RequestParam(required = false) java.util.@Nullable List<String> kept,
            @RequestParam(defaultValue = "") String note,
            Actor actor,
            RedirectAttributes redirect) {
        return Forms.back("/apps/" + key, redirect, "scopes-reviewed", () -> {
            java.util.List<String> keep = kept == null ? java.util.List.of() : kept;
            java.util.List<String> remove = scopes.get(key, actor).requested().stream()
                    .filter(s -> !keep.contains(s))
                    .toList();
            scopes.review(
                    key,
                    new dev.warden.server.obligations.ScopeReviews.Review(keep, remove, Forms.blankToNull(note)),
                    actor);
        });
    }

    @PostMapping("/apps/{key}/privacy-declaration")
    @Requires(Permission.OBLIGATIONS_RESPOND)
    String declare(
            @PathVariable String key,
            @RequestParam(defaultValue = "") String appVersion,
            @RequestParam(defaultValue = "false") boolean storesData,
            @RequestParam(defaultValue = "") String storageRegions,
            @RequestParam(defaultValue = "") String egressDomains,
            @RequestParam(defaultValue = "false") boolean handlesUserApiTokens,
            @RequestParam(defaultValue = "") String oauthSecretStorage,
            @RequestParam(defaultValue = "") String subprocessors,
            Actor actor,
            RedirectAttributes redirect) {
        return Forms.back(
                "/apps/" + key,
                redirect,
                "privacy-declared",
                () -> privacy.declare(
                        key,
                        new dev.warden.server.obligations.PrivacyDeclarations.Declare(
                                Forms.blankToNull(appVersion),
                                storesData,
                                lines(storageRegions),
                                lines(egressDomains),
                                handlesUserApiTokens,
                                storage(oauthSecretStorage),
                                lines(subprocessors)),
                        actor));
    }

    private static dev.warden.core.catalog.@Nullable SecretStorage storage(String name) {
        if (name.isBlank()) {
            return null;
        }
        for (dev.warden.core.catalog.SecretStorage s : dev.warden.core.catalog.SecretStorage.values()) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        throw new dev.warden.core.validation.InvalidInputException(
                "/oauthSecretStorage",
                "must be one of " + java.util.List.of(dev.warden.core.catalog.SecretStorage.values()));
    }

    /** One entry per line or comma of a text area. */
    private static java.util.List<String> lines(String text) {
        return java.util.Arrays.stream(text.split("[,\\n]"))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    @PostMapping("/apps/{key}/badges/cloud-fortified")
    @Requires(Permission.OBLIGATIONS_RESPOND)
    String step(
            @PathVariable String key,
            @RequestParam(required = false) BadgeAward.@Nullable Type type,
            @RequestParam(defaultValue = "") String note,
            Actor actor,
            RedirectAttributes redirect) {
        return Forms.back(
                "/apps/" + key,
                redirect,
                type == null ? "badge" : "badge-" + type.name().toLowerCase(java.util.Locale.ROOT),
                () -> badges.step(key, "CLOUD_FORTIFIED", new BadgeAwards.Step(type, Forms.blankToNull(note)), actor));
    }
}
