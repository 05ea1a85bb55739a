package dev.warden.server.bugcrowd;

import dev.warden.core.tickets.TicketEventType;
import dev.warden.core.tickets.TicketKey;
import dev.warden.core.tickets.TicketStatus;
import dev.warden.core.tickets.TicketType;
import dev.warden.server.shared.Actor;
import dev.warden.server.tickets.TicketRequests;
import dev.warden.server.tickets.TicketView;
import dev.warden.server.tickets.Tickets;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * What a Bugcrowd submission means for its ticket (docs/bugcrowd.md#what-a-submission-does): opened when
 * the submission has a priority or a CVSS score and a target mapped to a listing, reported at the moment
 * it was submitted; triaged when Bugcrowd accepted it; its severity following the priority or score;
 * marked released when Bugcrowd says resolved; not applicable or a duplicate when Bugcrowd says so, and
 * reopened when Bugcrowd takes that back. Only what changed since the submission was last seen acts.
 */
@Component
class BugcrowdTickets {
    static final Actor ACTOR = Actor.system("bugcrowd");

    /** What applying a submission did: the ticket (if any), whether it changed, and why it has none. */
    record Outcome(
            @Nullable String ticketKey,
            boolean created,
            int actions,
            @Nullable String problem) {}

    private final Tickets tickets;
    private final BugcrowdLinks links;
    private final BugcrowdRows rows;

    BugcrowdTickets(Tickets tickets, BugcrowdLinks links, BugcrowdRows rows) {
        this.tickets = tickets;
        this.links = links;
        this.rows = rows;
    }

    /**
     * The score that stands for a priority when no CVSS score was given: the lowest of the severity band
     * Bugcrowd's priority corresponds to (P1 Critical 9.0, P2 High 7.0, P3 Medium 4.0, P4 Low 0.1); P5
     * (informational) is no vulnerability ticket.
     */
    static @Nullable Double score(@Nullable Integer priority, @Nullable Double cvss) {
        if (cvss != null) {
            return cvss;
        }
        if (priority == null) {
            return null;
        }
        return switch (priority) {
            case 1 -> 9.0;
            case 2 -> 7.0;
            case 3 -> 4.0;
            case 4 -> 0.1;
            default -> null;
        };
    }

    private static String scoreSource(BugcrowdPage.Seen s) {
        return s.cvssScore() != null
                ? "CVSS score " + s.cvssScore() + " from Bugcrowd"
                : "Bugcrowd priority P" + s.priority() + " (scored " + score(s.priority(), null)
                        + ", the lowest of its band)";
    }

    Outcome apply(BugcrowdRows.Program link, BugcrowdPage.Seen s, BugcrowdRows.@Nullable Submission old) {
        String key = old == null ? null : old.ticketKey();
        if (key == null) {
            return open(link, s);
        }
        Optional<TicketView> found = tickets.find(TicketKey.of(key)).map(t -> tickets.get(t.key(), ACTOR));
        if (found.isEmpty()) {
            return new Outcome(key, false, 0, "ticket " + key + " is gone");
        }
        return follow(found.get(), s, Objects.requireNonNull(old));
    }

    private Outcome open(BugcrowdRows.Program link, BugcrowdPage.Seen s) {
        if (s.duplicate() || s.invalid()) {
            return new Outcome(null, false, 0, null); // closed in Bugcrowd before it was a vulnerability here
        }
        Double score = score(s.priority(), s.cvssScore());
        if (score == null) {
            return new Outcome(
                    null,
                    false,
                    0,
                    s.priority() != null && s.priority() == 5
                            ? null
                            : "no priority yet: the ticket opens when Bugcrowd gives one (its clocks count from the"
                                    + " submission)");
        }
        Optional<BugcrowdLinks.Listing> listing = links.listingOf(link, s.target());
        if (listing.isEmpty()) {
            return new Outcome(
                    null,
                    false,
                    0,
                    "target '" + (s.target() == null ? "(none)" : s.target())
                            + "' is not mapped to an app's listing: add it to the program's targets");
        }
        String note = "Bugcrowd submission " + s.id() + " in program " + link.code() + "; severity from the "
                + scoreSource(s) + ".";
        TicketView t = tickets.reportedAt(
                new TicketRequests.Report(
                        TicketType.BUG_BOUNTY,
                        listing.get().app(),
                        listing.get().hosting(),
                        s.title(),
                        null,
                        score,
                        note),
                s.submittedAt(),
                ACTOR);
        int actions = 1;
        TicketKey key = TicketKey.of(t.key());
        if (s.accepted()) {
            tickets.triagedAt(key, triageNote(s), s.triagedAt() != null ? s.triagedAt() : Instant.MAX, ACTOR);
            actions++;
            if (s.state().equals("resolved")) {
                tickets.released(key, new TicketRequests.Note("Bugcrowd: the submission is resolved."), ACTOR);
                actions++;
            }
        }
        return new Outcome(t.key(), true, actions, null);
    }

    private Outcome follow(TicketView t, BugcrowdPage.Seen s, BugcrowdRows.Submission old) {
        TicketKey key = TicketKey.of(t.key());
        TicketStatus status = t.status();
        int actions = 0;
        boolean wasClosed = old.duplicate() || BugcrowdPage.INVALID.contains(old.state());
        if (s.duplicate() && !old.duplicate() && !status.closed()) {
            String of = s.duplicateOf() == null
                    ? null
                    : rows.ticketOf(s.duplicateOf()).orElse(null);
            if (of != null && !of.equals(t.key())) {
                tickets.markDuplicate(
                        key,
                        new TicketRequests.Duplicate(of, "Bugcrowd: a duplicate of submission " + s.duplicateOf()),
                        ACTOR);
            } else {
                tickets.markNotApplicable(
                        key,
                        new TicketRequests.Note("Bugcrowd: a duplicate of submission "
                                + (s.duplicateOf() == null ? "(not named)" : s.duplicateOf())
                                + ", which has no ticket here"),
                        ACTOR);
            }
            return new Outcome(t.key(), false, 1, null);
        }
        if (s.invalid() && !BugcrowdPage.INVALID.contains(old.state()) && !status.closed()) {
            tickets.markNotApplicable(
                    key,
                    new TicketRequests.Note(
                            "Bugcrowd: the submission is " + s.state().replace('_', ' ')),
                    ACTOR);
            return new Outcome(t.key(), false, 1, null);
        }
        if (wasClosed
                && !s.duplicate()
                && !s.invalid()
                && (status == TicketStatus.NOT_APPLICABLE || status == TicketStatus.DUPLICATE)) {
            tickets.reopen(
                    key,
                    new TicketRequests.Note(
                            "Bugcrowd: the submission is " + s.state().replace('_', ' ') + " again"),
                    ACTOR);
            status = TicketStatus.NEEDS_PATCH;
            actions++;
        }
        Double before = score(old.priority(), old.cvssScore());
        Double now = score(s.priority(), s.cvssScore());
        if (now != null
                && !now.equals(before)
                && TicketEventType.SEVERITY_CHANGED.possible(TicketType.BUG_BOUNTY, status)) {
            tickets.changeSeverity(
                    key,
                    new TicketRequests.Severity(null, now, "Bugcrowd: severity from the " + scoreSource(s)),
                    ACTOR);
            actions++;
        }
        if (s.accepted() && status == TicketStatus.NEEDS_TRIAGE) {
            tickets.triagedAt(key, triageNote(s), s.triagedAt() != null ? s.triagedAt() : Instant.MAX, ACTOR);
            status = TicketStatus.NEEDS_PATCH;
            actions++;
        }
        if (s.state().equals("resolved")
                && !old.state().equals("resolved")
                && TicketEventType.RELEASED.possible(TicketType.BUG_BOUNTY, status)) {
            tickets.released(key, new TicketRequests.Note("Bugcrowd: the submission is resolved."), ACTOR);
            actions++;
        }
        if (s.state().equals("wont_fix") && !old.state().equals("wont_fix")) {
            tickets.comment(
                    key,
                    new TicketRequests.Note("Bugcrowd: marked won't fix. The policy's timeframe still applies; an"
                            + " extension is requested in Warden."),
                    ACTOR);
            actions++;
        }
        return new Outcome(t.key(), false, actions, null);
    }

    private static TicketRequests.Note triageNote(BugcrowdPage.Seen s) {
        return new TicketRequests.Note("Bugcrowd: the submission was accepted ("
                + s.state().replace('_', ' ') + (s.triagedAt() != null ? ", triaged " + s.triagedAt() : "") + ")");
    }
}
