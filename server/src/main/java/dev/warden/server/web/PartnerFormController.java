package dev.warden.server.web;

import dev.warden.core.catalog.Partner;
import dev.warden.core.catalog.PartnerId;
import dev.warden.core.catalog.SecurityContact;
import dev.warden.core.catalog.Tier;
import dev.warden.core.validation.FieldError;
import dev.warden.core.validation.InvalidInputException;
import dev.warden.server.catalog.Partners;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.NotFoundException;
import dev.warden.server.shared.Permission;
import dev.warden.server.shared.Requires;
import dev.warden.server.shared.Versioned;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Adding a partner and changing one: its name, tier and security contacts. Its status is not here: it
 * changes through enforcement (suspension, termination) and their lifting, which are approved and audited.
 */
@Controller
class PartnerFormController {
    /** Blank contact rows offered for adding contacts. */
    private static final int SPARE_ROWS = 2;

    private final Partners partners;

    PartnerFormController(Partners partners) {
        this.partners = partners;
    }

    /** A contact row as typed: kept as text so a refused form comes back exactly as it was sent. */
    record ContactRow(String name, String email, boolean ecosystemAccount) {}

    /** The form's content as typed. */
    record PartnerForm(String id, String name, @Nullable Tier tier, List<ContactRow> contacts) {}

    @GetMapping("/partners/new")
    @Requires(Permission.CATALOG_WRITE)
    String newPartner(Actor actor, Model model) {
        return form(null, -1, new PartnerForm("", "", Tier.NONE, spare(List.of())), actor, model, List.of());
    }

    @PostMapping("/partners")
    @Requires(Permission.CATALOG_WRITE)
    String create(
            @RequestParam(defaultValue = "") String id,
            @RequestParam(defaultValue = "") String name,
            @RequestParam(required = false) @Nullable Tier tier,
            @RequestParam(required = false) @Nullable List<String> contactName,
            @RequestParam(required = false) @Nullable List<String> contactEmail,
            @RequestParam(required = false) @Nullable List<String> contactAccount,
            Actor actor,
            Model model) {
        PartnerForm typed = typed(id, name, tier, contactName, contactEmail, contactAccount);
        return Forms.submit(
                () -> {
                    Partner partner = partner(typed);
                    partners.create(partner, actor);
                    return "redirect:/partners/" + partner.id().value() + "?done=partner-created";
                },
                errors -> form(null, -1, withSpare(typed), actor, model, errors));
    }

    @GetMapping("/partners/{id}/edit")
    @Requires(Permission.CATALOG_WRITE)
    String edit(@PathVariable String id, Actor actor, Model model) {
        Versioned<Partner> current = read(id);
        Partner p = current.value();
        List<ContactRow> rows = p.securityContacts().stream()
                .map(c -> new ContactRow(c.name(), c.email(), c.ecosystemAccount()))
                .toList();
        return form(
                p,
                current.version(),
                new PartnerForm(p.id().value(), p.name(), p.tier(), spare(rows)),
                actor,
                model,
                List.of());
    }

    @PostMapping("/partners/{id}")
    @Requires(Permission.CATALOG_WRITE)
    String update(
            @PathVariable String id,
            @RequestParam(defaultValue = "-1") int version,
            @RequestParam(defaultValue = "") String name,
            @RequestParam(required = false) @Nullable Tier tier,
            @RequestParam(required = false) @Nullable List<String> contactName,
            @RequestParam(required = false) @Nullable List<String> contactEmail,
            @RequestParam(required = false) @Nullable List<String> contactAccount,
            Actor actor,
            Model model) {
        Versioned<Partner> current = read(id);
        PartnerForm typed = typed(id, name, tier, contactName, contactEmail, contactAccount);
        return Forms.submit(
                () -> {
                    Partner changed = partner(typed);
                    // The status stays what enforcement made it.
                    partners.replace(
                            new Partner(
                                    changed.id(),
                                    changed.name(),
                                    changed.tier(),
                                    current.value().status(),
                                    changed.securityContacts()),
                            version < 0 ? OptionalInt.empty() : OptionalInt.of(version),
                            actor);
                    return "redirect:/partners/" + id + "?done=partner-updated";
                },
                errors -> {
                    Versioned<Partner> now = read(id);
                    return form(now.value(), now.version(), withSpare(typed), actor, model, errors);
                });
    }

    private Versioned<Partner> read(String id) {
        if (!PartnerId.isValid(id)) {
            throw new NotFoundException("No partner '" + id + "'");
        }
        return partners.find(PartnerId.of(id)).orElseThrow(() -> new NotFoundException("No partner '" + id + "'"));
    }

    private static PartnerForm typed(
            String id,
            String name,
            @Nullable Tier tier,
            @Nullable List<String> names,
            @Nullable List<String> emails,
            @Nullable List<String> accounts) {
        List<String> n = names == null ? List.of() : names;
        List<String> e = emails == null ? List.of() : emails;
        List<String> a = accounts == null ? List.of() : accounts;
        List<ContactRow> rows = new ArrayList<>();
        for (int i = 0; i < Math.max(n.size(), e.size()); i++) {
            String rowName = i < n.size() ? n.get(i).strip() : "";
            String rowEmail = i < e.size() ? e.get(i).strip() : "";
            if (!rowName.isEmpty() || !rowEmail.isEmpty()) {
                rows.add(new ContactRow(rowName, rowEmail, i < a.size() && "true".equals(a.get(i))));
            }
        }
        return new PartnerForm(id.strip(), name.strip(), tier, rows);
    }

    /** The partner the form describes, or every reason it does not describe one. */
    private static Partner partner(PartnerForm form) {
        List<FieldError> errors = new ArrayList<>();
        if (!PartnerId.isValid(form.id())) {
            errors.add(new FieldError("/id", "use lower-case letters, digits and hyphens, such as acme-software"));
        } else if (form.id().equals("new")) {
            errors.add(new FieldError("/id", "'new' is the address of this form; choose another id"));
        }
        if (form.name().isEmpty()) {
            errors.add(new FieldError("/name", "is required"));
        }
        if (form.tier() == null) {
            errors.add(new FieldError("/tier", "is required"));
        }
        List<SecurityContact> contacts = new ArrayList<>();
        for (int i = 0; i < form.contacts().size(); i++) {
            ContactRow row = form.contacts().get(i);
            String where = "/securityContacts/" + i; // shown as "#1" for the first row
            if (row.name().isEmpty()) {
                errors.add(new FieldError(where + "/name", "is required for " + row.email()));
            } else if (!row.email().matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
                errors.add(new FieldError(where + "/email", "is not an email address: '" + row.email() + "'"));
            } else {
                contacts.add(new SecurityContact(row.name(), row.email(), row.ecosystemAccount()));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException("invalid partner", errors);
        }
        try {
            return new Partner(
                    PartnerId.of(form.id()),
                    form.name(),
                    java.util.Objects.requireNonNull(form.tier()),
                    null,
                    contacts);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("", String.valueOf(e.getMessage()));
        }
    }

    private static PartnerForm withSpare(PartnerForm form) {
        return new PartnerForm(form.id(), form.name(), form.tier(), spare(form.contacts()));
    }

    private static List<ContactRow> spare(List<ContactRow> rows) {
        List<ContactRow> all = new ArrayList<>(rows);
        for (int i = 0; i < SPARE_ROWS; i++) {
            all.add(new ContactRow("", "", true));
        }
        return all;
    }

    private static String form(
            @Nullable Partner existing, int version, PartnerForm form, Actor actor, Model model, List<String> errors) {
        model.addAttribute("actor", actor);
        model.addAttribute("existing", existing);
        model.addAttribute("version", version);
        model.addAttribute("f", form);
        model.addAttribute("tiers", Tier.values());
        model.addAttribute("errors", errors);
        return "partner-form";
    }
}
