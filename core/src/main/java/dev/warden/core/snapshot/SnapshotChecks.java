package dev.warden.core.snapshot;

import static dev.warden.core.validation.FieldError.pointer;

import dev.warden.core.catalog.App;
import dev.warden.core.catalog.AppKey;
import dev.warden.core.catalog.Hosting;
import dev.warden.core.catalog.OAuthClient;
import dev.warden.core.catalog.Partner;
import dev.warden.core.catalog.PartnerId;
import dev.warden.core.catalog.SecurityContact;
import dev.warden.core.tickets.Ticket;
import dev.warden.core.tickets.TicketKey;
import dev.warden.core.validation.FieldError;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The checks a schema cannot express: ids unique within the document, references that resolve, and
 * OAuth client ids unique across the marketplace. Every error is reported, none stops the others.
 */
public final class SnapshotChecks {
    private SnapshotChecks() {}

    public static List<FieldError> check(Snapshot snapshot, KnownCatalog known) {
        List<FieldError> errors = new ArrayList<>();
        Set<PartnerId> partnersHere = checkPartners(snapshot.partners(), errors);
        checkApps(snapshot.apps(), partnersHere, known, errors);
        checkTickets(snapshot, known, errors);
        ObligationChecks.check(snapshot, partnersHere, known, errors);
        CaseChecks.check(snapshot.enforcementCases(), partnersHere, known, errors);
        return errors.stream().sorted(FieldError.ORDER).toList();
    }

    private static Set<PartnerId> checkPartners(List<Partner> partners, List<FieldError> errors) {
        Map<PartnerId, Integer> seen = new HashMap<>();
        for (int i = 0; i < partners.size(); i++) {
            Partner partner = partners.get(i);
            Integer first = seen.putIfAbsent(partner.id(), i);
            if (first != null) {
                errors.add(new FieldError(
                        pointer("/partners", i, "id"),
                        "partner '" + partner.id() + "' appears twice (first at /partners/" + first + ")"));
            }
            errors.addAll(contactErrors(pointer("/partners", i), partner.securityContacts()));
        }
        return seen.keySet();
    }

    /** Errors in one partner's contact list, pointing below {@code base}. */
    public static List<FieldError> contactErrors(String base, List<SecurityContact> contacts) {
        List<FieldError> errors = new ArrayList<>();
        Set<String> emails = new HashSet<>();
        for (int c = 0; c < contacts.size(); c++) {
            if (!emails.add(contacts.get(c).email().toLowerCase(Locale.ROOT))) {
                errors.add(new FieldError(
                        pointer(base, "securityContacts", c, "email"), "this email is listed twice for the partner"));
            }
        }
        return errors;
    }

    private static void checkApps(
            List<App> apps, Set<PartnerId> partnersHere, KnownCatalog known, List<FieldError> errors) {
        Map<AppKey, Integer> seenKeys = new HashMap<>();
        Map<String, AppKey> clientOwners = new HashMap<>();
        for (int i = 0; i < apps.size(); i++) {
            App app = apps.get(i);
            String base = pointer("/apps", i);
            Integer first = seenKeys.putIfAbsent(app.key(), i);
            if (first != null) {
                errors.add(new FieldError(
                        pointer(base, "key"), "app '" + app.key() + "' appears twice (first at /apps/" + first + ")"));
            }
            if (!partnersHere.contains(app.partner()) && !known.hasPartner(app.partner())) {
                errors.add(new FieldError(
                        pointer(base, "partner"), "no partner '" + app.partner() + "' in this document or in Warden"));
            }
            errors.addAll(appErrors(base, app, known, clientOwners));
        }
    }

    private static void checkTickets(Snapshot snapshot, KnownCatalog known, List<FieldError> errors) {
        TicketChecks checks = new TicketChecks(snapshot.apps(), known);
        List<Ticket> tickets = snapshot.tickets();
        for (int i = 0; i < tickets.size(); i++) {
            checks.check(i, tickets.get(i), errors);
        }
    }

    /**
     * The checks of tickets given one at a time, for a document read as a stream: keys unique, and each
     * ticket's app and listing in the document's apps or already known.
     */
    public static final class TicketChecks {
        private final Map<AppKey, Set<Hosting>> hostingsHere = new HashMap<>();
        private final KnownCatalog known;
        private final Map<TicketKey, Integer> seen = new HashMap<>();

        public TicketChecks(List<App> apps, KnownCatalog known) {
            this.known = known;
            for (App app : apps) {
                hostingsHere.put(
                        app.key(),
                        app.listings().stream().map(l -> l.hosting()).collect(java.util.stream.Collectors.toSet()));
            }
        }

        /** Adds the errors of ticket {@code i} (its index in the document) to {@code errors}. */
        public void check(int i, Ticket ticket, List<FieldError> errors) {
            Integer first = seen.putIfAbsent(ticket.key(), i);
            if (first != null) {
                errors.add(new FieldError(
                        pointer("/tickets", i, "key"),
                        "ticket '" + ticket.key() + "' appears twice (first at /tickets/" + first + ")"));
            }
            Set<Hosting> hostings = hostingsHere.containsKey(ticket.app())
                    ? hostingsHere.get(ticket.app())
                    : known.hostingsOf(ticket.app()).orElse(null);
            if (hostings == null) {
                errors.add(new FieldError(
                        pointer("/tickets", i, "app"), "no app '" + ticket.app() + "' in this document or in Warden"));
            } else if (!hostings.contains(ticket.hosting())) {
                errors.add(new FieldError(
                        pointer("/tickets", i, "hosting"),
                        "app '" + ticket.app() + "' has no " + ticket.hosting() + " listing"));
            }
        }
    }

    /**
     * Errors within one app: OAuth client ids must not be held by another app, here or already known.
     * {@code clientOwners} collects the client ids seen so far across a document.
     */
    public static List<FieldError> appErrors(
            String base, App app, KnownCatalog known, Map<String, AppKey> clientOwners) {
        List<FieldError> errors = new ArrayList<>();
        List<OAuthClient> clients = app.oauthClients();
        for (int c = 0; c < clients.size(); c++) {
            String clientId = clients.get(c).clientId();
            AppKey here = clientOwners.putIfAbsent(clientId, app.key());
            Optional<AppKey> elsewhere = known.appOwningClient(clientId).filter(owner -> !owner.equals(app.key()));
            if (here != null || elsewhere.isPresent()) {
                AppKey owner = here != null ? here : elsewhere.get();
                errors.add(new FieldError(
                        pointer(base, "oauthClients", c, "clientId"),
                        owner.equals(app.key())
                                ? "client '" + clientId + "' is listed twice for this app"
                                : "client '" + clientId + "' already belongs to app '" + owner + "'"));
            }
        }
        return errors;
    }
}
