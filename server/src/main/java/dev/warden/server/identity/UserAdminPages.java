package dev.warden.server.identity;

import dev.warden.core.validation.FieldError;
import dev.warden.core.validation.InvalidInputException;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.Permission;
import dev.warden.server.shared.Requires;
import dev.warden.server.shared.Role;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * One person's administration page: change the name, roles and partner, disable or enable the account
 * (a disabled person's session stops at the next request), and give a new temporary password after a
 * confirmation, shown once. Every change is audited by {@link Users}.
 */
@Controller
class UserAdminPages {
    private final Users users;

    private final dev.warden.server.catalog.PartnerChoices partnerChoices;

    UserAdminPages(dev.warden.server.catalog.PartnerChoices partnerChoices, Users users) {
        this.partnerChoices = partnerChoices;
        this.users = users;
    }

    /** What the edit form holds: as stored, or as typed when refused. */
    record EditForm(String displayName, Set<Role> roles, String partner, boolean enabled) {
        static EditForm of(User user) {
            return new EditForm(
                    user.displayName(),
                    user.roles(),
                    user.partner() == null ? "" : user.partner().value(),
                    user.enabled());
        }
    }

    @GetMapping("/admin/users/{username}")
    @Requires(Permission.USERS_MANAGE)
    String user(
            @PathVariable String username,
            @RequestParam(required = false) @Nullable String done,
            Actor actor,
            Model model) {
        User user = users.get(username);
        model.addAttribute("done", "saved".equals(done) ? "Saved." : null);
        return page(user, EditForm.of(user), List.of(), actor, model);
    }

    @PostMapping("/admin/users/{username}")
    @Requires(Permission.USERS_MANAGE)
    String update(
            @PathVariable String username,
            @RequestParam(defaultValue = "") String displayName,
            @RequestParam(required = false) @Nullable List<String> roles,
            @RequestParam(defaultValue = "") String partner,
            @RequestParam(defaultValue = "false") boolean enabled,
            Actor actor,
            Model model) {
        User user = users.get(username);
        Set<Role> chosen = EnumSet.noneOf(Role.class);
        if (roles != null) {
            roles.forEach(r ->
                    Arrays.stream(Role.values()).filter(x -> x.name().equals(r)).forEach(chosen::add));
        }
        EditForm form = new EditForm(displayName, chosen, partner, enabled);
        try {
            users.update(
                    username,
                    new Users.UserChange(displayName, chosen, partner.isBlank() ? null : partner, enabled),
                    actor);
        } catch (InvalidInputException e) {
            return page(
                    user, form, e.errors().stream().map(FieldError::sentence).toList(), actor, model);
        } catch (dev.warden.server.shared.ConflictException e) {
            return page(user, form, List.of(String.valueOf(e.getMessage())), actor, model);
        }
        return "redirect:/admin/users/" + user.username() + "?done=saved";
    }

    /**
     * Gives a new temporary password once the administrator has confirmed: the first post says what it
     * does (the old password stops working, the person must change the new one at the next sign-in).
     */
    @PostMapping("/admin/users/{username}/password-reset")
    @Requires(Permission.USERS_MANAGE)
    String resetPassword(
            @PathVariable String username, @RequestParam(defaultValue = "") String confirm, Actor actor, Model model) {
        User user = users.get(username);
        if (!confirm.equals("yes")) {
            model.addAttribute("confirmReset", true);
        } else {
            model.addAttribute("temporaryPassword", users.resetPassword(user.username(), actor));
        }
        return page(user, EditForm.of(user), List.of(), actor, model);
    }

    private String page(User user, EditForm form, List<String> errors, Actor actor, Model model) {
        model.addAttribute("actor", actor);
        model.addAttribute("user", user);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("roles", Arrays.asList(Role.values()));
        if (!model.containsAttribute("done")) {
            model.addAttribute("done", null);
        }
        model.addAttribute("partnerChoices", partnerChoices.of(actor));
        return "admin-user";
    }
}
