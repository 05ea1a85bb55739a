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

/** Administration pages: people and API clients. A secret or temporary password is shown once, here. */
@Controller
class AdminPages {
    private final Users users;
    private final ApiClients clients;

    private final dev.warden.server.catalog.PartnerChoices partnerChoices;

    AdminPages(dev.warden.server.catalog.PartnerChoices partnerChoices, Users users, ApiClients clients) {
        this.partnerChoices = partnerChoices;
        this.users = users;
        this.clients = clients;
    }

    @GetMapping("/admin/users")
    @Requires(Permission.USERS_MANAGE)
    String users(Actor actor, Model model) {
        return usersPage(actor, model);
    }

    @PostMapping("/admin/users")
    @Requires(Permission.USERS_MANAGE)
    String createUser(
            Actor actor,
            @RequestParam(defaultValue = "") String username,
            @RequestParam(defaultValue = "") String displayName,
            @RequestParam(required = false) @Nullable List<String> roles,
            @RequestParam(required = false) @Nullable String partner,
            Model model) {
        Set<Role> chosen = EnumSet.noneOf(Role.class);
        if (roles != null) {
            roles.forEach(r ->
                    Arrays.stream(Role.values()).filter(x -> x.name().equals(r)).forEach(chosen::add));
        }
        try {
            Users.CreatedUser created = users.create(
                    new Users.NewUser(
                            username, displayName, chosen, partner == null || partner.isBlank() ? null : partner),
                    actor);
            model.addAttribute("created", created);
        } catch (InvalidInputException e) {
            model.addAttribute(
                    "errors", e.errors().stream().map(FieldError::sentence).toList());
            model.addAttribute("form", new UserForm(username, displayName, chosen, partner == null ? "" : partner));
        } catch (dev.warden.server.shared.ConflictException e) {
            model.addAttribute("errors", List.of(String.valueOf(e.getMessage())));
            model.addAttribute("form", new UserForm(username, displayName, chosen, partner == null ? "" : partner));
        }
        return usersPage(actor, model);
    }

    @GetMapping("/admin/clients")
    @Requires(Permission.CLIENTS_MANAGE)
    String clients(Actor actor, Model model) {
        return clientsPage(actor, model);
    }

    @PostMapping("/admin/clients")
    @Requires(Permission.CLIENTS_MANAGE)
    String registerClient(
            Actor actor,
            @RequestParam(defaultValue = "") String name,
            @RequestParam(required = false) @Nullable List<String> scopes,
            @RequestParam(required = false) @Nullable String partner,
            Model model) {
        try {
            model.addAttribute(
                    "registered",
                    clients.register(
                            new ApiClients.NewClient(
                                    name, scopes, partner == null || partner.isBlank() ? null : partner),
                            actor));
        } catch (InvalidInputException e) {
            model.addAttribute(
                    "errors", e.errors().stream().map(FieldError::sentence).toList());
            model.addAttribute(
                    "form", new ClientForm(name, scopes == null ? List.of() : scopes, partner == null ? "" : partner));
        }
        return clientsPage(actor, model);
    }

    /**
     * Revokes a client once the person has confirmed it: the first post shows what revoking means, with
     * the button that does it ({@code confirm=yes}); a revoked client cannot be enabled again.
     */
    @PostMapping("/admin/clients/{clientId}/revoke")
    @Requires(Permission.CLIENTS_MANAGE)
    String revoke(
            Actor actor, @PathVariable String clientId, @RequestParam(defaultValue = "") String confirm, Model model) {
        if (!confirm.equals("yes")) {
            ApiClient client = clients.list().stream()
                    .filter(c -> c.clientId().equals(clientId) && c.enabled())
                    .findFirst()
                    .orElseThrow(
                            () -> new dev.warden.server.shared.NotFoundException("no active API client " + clientId));
            model.addAttribute("confirmRevoke", client);
            return clientsPage(actor, model);
        }
        clients.revoke(clientId, actor);
        return "redirect:/admin/clients";
    }

    /** What the person typed into the users form, shown again when it is refused. */
    record UserForm(String username, String displayName, Set<Role> roles, String partner) {
        static final UserForm EMPTY = new UserForm("", "", Set.of(), "");
    }

    /** What the person typed into the clients form, shown again when it is refused. */
    record ClientForm(String name, List<String> scopes, String partner) {
        static final ClientForm EMPTY = new ClientForm("", List.of(), "");
    }

    private String usersPage(Actor actor, Model model) {
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", UserForm.EMPTY);
        }
        model.addAttribute("actor", actor);
        model.addAttribute("users", users.list());
        model.addAttribute("roles", Arrays.asList(Role.values()));
        model.addAttribute("partnerChoices", partnerChoices.of(actor));
        return "admin-users";
    }

    private String clientsPage(Actor actor, Model model) {
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", ClientForm.EMPTY);
        }
        model.addAttribute("actor", actor);
        model.addAttribute("clients", clients.list());
        model.addAttribute(
                "scopes",
                Arrays.stream(Permission.values()).map(Permission::scope).toList());
        model.addAttribute("partnerChoices", partnerChoices.of(actor));
        return "admin-clients";
    }
}
