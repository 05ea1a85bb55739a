package dev.warden.server.identity;

import dev.warden.core.validation.InvalidInputException;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.PublicEndpoint;
import dev.warden.server.shared.SignedIn;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The sign-in page, the signed-in home page, and changing one's own password. */
@Controller
class AccountPages {
    private final Users users;

    AccountPages(Users users) {
        this.users = users;
    }

    @GetMapping("/login")
    @PublicEndpoint("the sign-in page")
    String login(
            @RequestParam(required = false) @Nullable String error,
            @RequestParam(required = false) @Nullable String signedOut,
            @RequestParam(required = false) @Nullable String changed,
            @RequestParam(required = false) @Nullable String wait,
            Model model) {
        model.addAttribute("error", error != null);
        // Only a number is taken from the address, never words.
        model.addAttribute("wait", wait == null ? null : waitText(wait));
        model.addAttribute("signedOut", signedOut != null);
        model.addAttribute("changed", changed != null);
        return "login";
    }

    /** "2 minutes" for "120", rounded up; null for anything that is not a small positive number. */
    static @Nullable String waitText(String seconds) {
        if (!seconds.matches("[0-9]{1,6}")) {
            return null;
        }
        long s = Math.max(1, Long.parseLong(seconds));
        if (s < 90) {
            return s == 1 ? "1 second" : s + " seconds";
        }
        long minutes = (s + 59) / 60;
        return minutes + " minutes";
    }

    @GetMapping("/account/password")
    @SignedIn(evenBeforePasswordChange = true)
    String passwordForm(Actor actor, Model model) {
        model.addAttribute("actor", actor);
        model.addAttribute(
                "mustChange",
                users.find(actor.id()).map(User::mustChangePassword).orElse(false));
        return "password";
    }

    @PostMapping("/account/password")
    @SignedIn(evenBeforePasswordChange = true)
    String changePassword(
            Actor actor,
            @RequestParam(defaultValue = "") String currentPassword,
            @RequestParam(defaultValue = "") String newPassword,
            @RequestParam(defaultValue = "") String repeatPassword,
            Model model) {
        model.addAttribute("actor", actor);
        model.addAttribute(
                "mustChange",
                users.find(actor.id()).map(User::mustChangePassword).orElse(false));
        if (!newPassword.equals(repeatPassword)) {
            model.addAttribute("errors", java.util.List.of("The new passwords do not match."));
            return "password";
        }
        try {
            users.changeOwnPassword(actor.id(), currentPassword, newPassword);
        } catch (InvalidInputException e) {
            model.addAttribute(
                    "errors",
                    e.errors().stream()
                            .map(err -> describe(err.pointer()) + " " + err.message())
                            .toList());
            return "password";
        }
        return "redirect:/?passwordChanged";
    }

    private static String describe(String pointer) {
        return pointer.equals("/currentPassword") ? "Current password:" : "New password:";
    }
}
