package dev.warden.server.web;

import dev.warden.core.catalog.App;
import dev.warden.core.catalog.AppKey;
import dev.warden.core.catalog.Badge;
import dev.warden.core.catalog.Hosting;
import dev.warden.core.catalog.Listing;
import dev.warden.core.catalog.ListingState;
import dev.warden.core.catalog.PartnerId;
import dev.warden.core.validation.FieldError;
import dev.warden.core.validation.InvalidInputException;
import dev.warden.server.catalog.Apps;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.NotFoundException;
import dev.warden.server.shared.Permission;
import dev.warden.server.shared.Requires;
import dev.warden.server.shared.Versioned;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Adding an app and changing one: its name, first listing date, and each listing's paid flag and
 * installs. What enforcement changes (a listing's state, a badge's revocation) is not here: it goes
 * through proposals, approvals and lifts. Badges are set when the app is added; OAuth clients through
 * the API or a snapshot.
 */
@Controller
class AppFormController {
    private final Apps apps;

    private final dev.warden.server.catalog.PartnerChoices partnerChoices;

    AppFormController(dev.warden.server.catalog.PartnerChoices partnerChoices, Apps apps) {
        this.partnerChoices = partnerChoices;
        this.apps = apps;
    }

    /** One listing as typed. */
    record ListingRow(
            Hosting hosting,
            boolean present,
            boolean paid,
            String installs,
            @Nullable ListingState state) {}

    /** The form as typed, so a refused form comes back exactly as it was sent. */
    record AppForm(
            String key,
            String name,
            String partner,
            String firstListedOn,
            Set<Badge> badges,
            List<ListingRow> listings) {}

    @GetMapping("/apps/new")
    @Requires(Permission.CATALOG_WRITE)
    String newApp(@RequestParam(defaultValue = "") String partner, Actor actor, Model model) {
        List<ListingRow> rows = new ArrayList<>();
        for (Hosting h : Hosting.values()) {
            rows.add(new ListingRow(h, h == Hosting.CLOUD, false, "0", null));
        }
        return form(null, -1, new AppForm("", "", partner, "", Set.of(), rows), actor, model, List.of());
    }

    @PostMapping("/apps")
    @Requires(Permission.CATALOG_WRITE)
    String create(
            @RequestParam(defaultValue = "") String key,
            @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "") String partner,
            @RequestParam(defaultValue = "") String firstListedOn,
            @RequestParam(required = false) @Nullable List<Badge> badges,
            @RequestParam Map<String, String> fields,
            Actor actor,
            Model model) {
        AppForm typed = typed(key, name, partner, firstListedOn, badges, fields, null);
        return Forms.submit(
                () -> {
                    App app = app(typed, List.of());
                    apps.create(app, actor);
                    return "redirect:/apps/" + app.key().value() + "?done=app-created";
                },
                errors -> form(null, -1, typed, actor, model, errors));
    }

    @GetMapping("/apps/{key}/edit")
    @Requires(Permission.CATALOG_WRITE)
    String edit(@PathVariable String key, Actor actor, Model model) {
        Versioned<App> current = read(key);
        App a = current.value();
        List<ListingRow> rows = new ArrayList<>();
        for (Hosting h : Hosting.values()) {
            rows.add(a.listing(h)
                    .map(l -> new ListingRow(h, true, l.paid(), String.valueOf(l.installs()), l.state()))
                    .orElse(new ListingRow(h, false, false, "0", null)));
        }
        AppForm form = new AppForm(
                a.key().value(),
                a.name(),
                a.partner().value(),
                a.firstListedOn() == null ? "" : a.firstListedOn().toString(),
                a.badges(),
                rows);
        return form(a, current.version(), form, actor, model, List.of());
    }

    @PostMapping("/apps/{key}")
    @Requires(Permission.CATALOG_WRITE)
    String update(
            @PathVariable String key,
            @RequestParam(defaultValue = "-1") int version,
            @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "") String firstListedOn,
            @RequestParam Map<String, String> fields,
            Actor actor,
            Model model) {
        Versioned<App> current = read(key);
        App before = current.value();
        AppForm typed =
                typed(key, name, before.partner().value(), firstListedOn, List.copyOf(before.badges()), fields, before);
        return Forms.submit(
                () -> {
                    apps.replace(
                            app(typed, before.oauthClients()),
                            version < 0 ? OptionalInt.empty() : OptionalInt.of(version),
                            actor);
                    return "redirect:/apps/" + key + "?done=app-updated";
                },
                errors -> {
                    Versioned<App> now = read(key);
                    return form(now.value(), now.version(), typed, actor, model, errors);
                });
    }

    private Versioned<App> read(String key) {
        if (!AppKey.isValid(key)) {
            throw new NotFoundException("No app '" + key + "'");
        }
        return apps.find(AppKey.of(key)).orElseThrow(() -> new NotFoundException("No app '" + key + "'"));
    }

    /** The typed form; an existing listing keeps the state enforcement gave it. */
    private static AppForm typed(
            String key,
            String name,
            String partner,
            String firstListedOn,
            @Nullable List<Badge> badges,
            Map<String, String> fields,
            @Nullable App before) {
        List<ListingRow> rows = new ArrayList<>();
        for (Hosting h : Hosting.values()) {
            String p = "listing." + h.name() + ".";
            ListingState state = before == null
                    ? null
                    : before.listing(h).map(Listing::state).orElse(null);
            rows.add(new ListingRow(
                    h,
                    "true".equals(fields.get(p + "present")),
                    "true".equals(fields.get(p + "paid")),
                    fields.getOrDefault(p + "installs", "0").strip(),
                    state));
        }
        Set<Badge> badgeSet = badges == null || badges.isEmpty() ? Set.of() : EnumSet.copyOf(badges);
        return new AppForm(key.strip(), name.strip(), partner.strip(), firstListedOn.strip(), badgeSet, rows);
    }

    /** The app the form describes, or every reason it does not describe one. */
    private static App app(AppForm form, List<dev.warden.core.catalog.OAuthClient> oauthClients) {
        List<FieldError> errors = new ArrayList<>();
        if (!AppKey.isValid(form.key())) {
            errors.add(new FieldError("/key", "use the marketplace's app key, such as com.acme.timesheets"));
        } else if (form.key().equals("new")) {
            errors.add(new FieldError("/key", "'new' is the address of this form; choose another key"));
        }
        if (form.name().isEmpty()) {
            errors.add(new FieldError("/name", "is required"));
        }
        if (!PartnerId.isValid(form.partner())) {
            errors.add(new FieldError("/partner", "is the partner's id, such as acme-software"));
        }
        LocalDate first = null;
        if (!form.firstListedOn().isEmpty()) {
            try {
                first = LocalDate.parse(form.firstListedOn());
            } catch (DateTimeParseException e) {
                errors.add(new FieldError("/firstListedOn", "is a date: YYYY-MM-DD"));
            }
        }
        List<Listing> listings = new ArrayList<>();
        for (ListingRow row : form.listings()) {
            if (!row.present()) {
                continue;
            }
            long installs = -1;
            try {
                installs = Long.parseLong(row.installs().isEmpty() ? "0" : row.installs());
            } catch (NumberFormatException e) {
                // said below
            }
            if (installs < 0) {
                errors.add(new FieldError(
                        "/listings/" + row.hosting() + "/installs", "is a whole number, 0 or more: " + row.installs()));
                continue;
            }
            listings.add(new Listing(
                    row.hosting(), row.state() == null ? ListingState.LISTED : row.state(), row.paid(), installs));
        }
        if (listings.isEmpty()) {
            errors.add(new FieldError("/listings", "an app has at least one listing: tick Cloud or Data Center"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException("invalid app", errors);
        }
        try {
            return new App(
                    AppKey.of(form.key()),
                    form.name(),
                    PartnerId.of(form.partner()),
                    first,
                    form.badges(),
                    listings,
                    oauthClients);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("", String.valueOf(e.getMessage()));
        }
    }

    private String form(
            @Nullable App existing, int version, AppForm form, Actor actor, Model model, List<String> errors) {
        model.addAttribute("actor", actor);
        model.addAttribute("existing", existing);
        model.addAttribute("version", version);
        model.addAttribute("f", form);
        model.addAttribute("badges", Badge.values());
        Map<String, String> hostingNames = new LinkedHashMap<>();
        hostingNames.put("CLOUD", "Cloud");
        hostingNames.put("DATA_CENTER", "Data Center");
        model.addAttribute("hostingNames", hostingNames);
        model.addAttribute("errors", errors);
        model.addAttribute("partnerChoices", partnerChoices.of(actor));
        return "app-form";
    }
}
