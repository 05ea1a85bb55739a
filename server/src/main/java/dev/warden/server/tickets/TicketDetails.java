package dev.warden.server.tickets;

import dev.warden.core.catalog.Hosting;
import dev.warden.core.tickets.TicketKey;
import dev.warden.core.tickets.TicketType;
import dev.warden.core.validation.FieldError;
import dev.warden.core.validation.InvalidInputException;
import dev.warden.server.audit.AuditTrail;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.ForbiddenException;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a ticket says beyond its title: the description in Markdown (what is wrong, how to reproduce it),
 * the weakness as a CWE id, and the versions affected. Given when a ticket is reported or disclosed,
 * changed by the operator later; never read by the ticket's clock or the rules.
 */
@Service
public class TicketDetails {
    public static final int MAX_DESCRIPTION = 20_000;
    public static final int MAX_VERSIONS = 500;
    private static final Pattern CWE = Pattern.compile("(?i)(?:CWE-)?0*([1-9][0-9]{0,5})");

    /** A ticket's details; all null (and no update) when none were given. */
    @Schema(name = "TicketDetails")
    public record Details(
            @Nullable String description,
            @Nullable String cwe,
            @Nullable String affectedVersions,
            @Nullable Instant updatedAt,
            @Nullable String updatedBy) {
        static final Details NONE = new Details(null, null, null, null, null);
    }

    /** New details: each field replaces the one before, and an empty or missing one clears it. */
    @Schema(name = "TicketDetailsChange")
    public record Change(
            @Nullable String description,
            @Nullable String cwe,
            @Nullable String affectedVersions) {
        /** The same, trimmed, with empty fields as none and the CWE id written {@code CWE-79}. */
        Change normal() {
            String id = blank(cwe);
            Matcher m = id == null ? null : CWE.matcher(id);
            return new Change(
                    blank(description), m != null && m.matches() ? "CWE-" + m.group(1) : id, blank(affectedVersions));
        }

        List<FieldError> errors() {
            List<FieldError> errors = new ArrayList<>();
            Change n = normal();
            if (n.description() != null && n.description().length() > MAX_DESCRIPTION) {
                errors.add(new FieldError("/description", "at most " + MAX_DESCRIPTION + " characters"));
            }
            if (n.cwe() != null && !n.cwe().matches("CWE-[1-9][0-9]{0,5}")) {
                errors.add(new FieldError("/cwe", "a CWE id such as CWE-79 (see cwe.mitre.org), not '" + cwe + "'"));
            }
            if (n.affectedVersions() != null && n.affectedVersions().length() > MAX_VERSIONS) {
                errors.add(new FieldError("/affectedVersions", "at most " + MAX_VERSIONS + " characters"));
            }
            return errors;
        }

        boolean isEmpty() {
            Change n = normal();
            return n.description() == null && n.cwe() == null && n.affectedVersions() == null;
        }

        private static @Nullable String blank(@Nullable String text) {
            return text == null || text.isBlank() ? null : text.strip();
        }
    }

    /** A partner's disclosure of a vulnerability in one of its own apps: a SECURITY ticket with details. */
    public record Disclosure(
            @Nullable String app,
            @Nullable Hosting hosting,
            @Nullable String title,
            @Nullable String cvss,
            @Nullable Double score,
            @Nullable String description,
            @Nullable String cwe,
            @Nullable String affectedVersions) {}

    private final Tickets tickets;
    private final TicketDetailRows rows;
    private final AuditTrail audit;
    private final Clock clock;

    TicketDetails(Tickets tickets, TicketDetailRows rows, AuditTrail audit, Clock clock) {
        this.tickets = tickets;
        this.rows = rows;
        this.audit = audit;
        this.clock = clock;
    }

    /** Every ticket's details by key, as the snapshot format carries them: what an export adds. */
    @Transactional(readOnly = true)
    public Map<String, dev.warden.core.tickets.Ticket.Details> forExport() {
        return rows.all();
    }

    /** The details of a ticket the actor may see. */
    @Transactional(readOnly = true)
    public Details get(TicketKey key, Actor actor) {
        tickets.get(key, actor);
        return rows.find(key.value())
                .map(r -> new Details(
                        r.description(),
                        r.cwe(),
                        r.affectedVersions(),
                        r.updatedAt().toInstant(),
                        r.updatedBy()))
                .orElse(Details.NONE);
    }

    /** Replaces a ticket's details (the operator's). */
    @Transactional
    public Details change(TicketKey key, Change change, Actor actor) {
        TicketView ticket = tickets.get(key, actor);
        List<FieldError> errors = change.errors();
        if (!errors.isEmpty()) {
            throw new InvalidInputException("invalid ticket details", errors);
        }
        save(ticket, change.normal(), actor);
        return get(key, actor);
    }

    /** Reports a ticket with its details: both are checked, every error listed, and nothing kept on one. */
    @Transactional
    public TicketView report(TicketRequests.Report report, Change details, Actor actor) {
        List<FieldError> errors = new ArrayList<>(details.errors());
        TicketView made;
        try {
            made = tickets.report(report, actor);
        } catch (InvalidInputException e) {
            errors.addAll(0, e.errors());
            throw new InvalidInputException("invalid report", errors);
        }
        if (!errors.isEmpty()) {
            // Thrown inside the transaction: the ticket reported a moment ago is not kept.
            throw new InvalidInputException("invalid ticket details", errors);
        }
        if (!details.isEmpty()) {
            save(made, details.normal(), actor);
        }
        return made;
    }

    /** A partner discloses a vulnerability in one of its apps: a SECURITY ticket, assigned like any other. */
    @Transactional
    public TicketView disclose(Disclosure d, Actor actor) {
        if (!actor.isPartner()) {
            throw new ForbiddenException("disclosures are a partner's; the operator reports a vulnerability instead"
                    + " (Report a vulnerability, or POST /api/v1/tickets)");
        }
        return report(
                new TicketRequests.Report(
                        TicketType.SECURITY,
                        d.app(),
                        d.hosting(),
                        d.title(),
                        d.cvss(),
                        d.score(),
                        "Disclosed by the partner."),
                new Change(d.description(), d.cwe(), d.affectedVersions()),
                actor);
    }

    private void save(TicketView ticket, Change details, Actor actor) {
        rows.save(
                ticket.key(),
                details.description(),
                details.cwe(),
                details.affectedVersions(),
                actor.name(),
                clock.instant());
        List<String> given = new ArrayList<>();
        if (details.description() != null) {
            given.add("description");
        }
        if (details.cwe() != null) {
            given.add("cwe " + details.cwe());
        }
        if (details.affectedVersions() != null) {
            given.add("affectedVersions");
        }
        // The trail says what was given, not the description itself: it may say how to exploit the flaw.
        audit.record(
                actor,
                "TICKET_DETAILS_CHANGED",
                "ticket",
                ticket.key(),
                dev.warden.core.catalog.PartnerId.of(ticket.partner()),
                Map.of(
                        "given",
                        given,
                        "descriptionLength",
                        details.description() == null
                                ? 0
                                : details.description().length()));
    }
}
