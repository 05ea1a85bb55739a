package dev.warden.server.web;

import static java.util.Map.entry;

import dev.warden.core.catalog.PartnerId;
import dev.warden.core.validation.FieldError;
import dev.warden.core.validation.InvalidInputException;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.ConflictException;
import dev.warden.server.shared.ForbiddenException;
import dev.warden.server.shared.StaleVersionException;
import dev.warden.server.shared.TooLargeException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** What every form does with an expected refusal: show the page again with the reasons, never a stack trace. */
final class Forms {
    private Forms() {}

    /**
     * Runs a form's action and answers its view (usually a redirect); bad input, a conflict or a step
     * the person may not take becomes the messages {@code showAgain} puts on the form.
     */
    static String submit(Supplier<String> action, Function<List<String>, String> showAgain) {
        try {
            return action.get();
        } catch (InvalidInputException e) {
            return showAgain.apply(e.errors().stream().map(Forms::say).toList());
        } catch (ConflictException | ForbiddenException | TooLargeException e) {
            return showAgain.apply(List.of(String.valueOf(e.getMessage())));
        } catch (StaleVersionException e) {
            return showAgain.apply(List.of("Someone else changed this while you were editing, so nothing was saved."
                    + " Your changes are still in the form: look at theirs (open the page in another tab), then save"
                    + " again."));
        }
    }

    /**
     * Runs an action posted from another page and goes back there: with {@code done} (a key of
     * {@link #said}) on success, with the refusal as the flash attribute {@code problem} otherwise.
     * {@code back} is only ever a path of this site.
     */
    static String back(String back, RedirectAttributes redirect, String done, Runnable action) {
        String target = localPath(back);
        return submit(
                () -> {
                    action.run();
                    redirect.addAttribute("done", done);
                    return "redirect:" + target;
                },
                errors -> {
                    // Kept in the session for the next page only: no link can put words in Warden's mouth.
                    redirect.addFlashAttribute("problem", String.join("; ", errors));
                    return "redirect:" + target;
                });
    }

    /** What a page says after a form posted from it went through, by the {@code done} it is sent back with. */
    private static final Map<String, String> DONE = Map.ofEntries(
            entry("verification", "Verification requested: 14 days to submit."),
            entry("verification-step", "Verification updated."),
            entry("program", "Bug bounty program registered."),
            entry("program-updated", "Bug bounty program updated."),
            entry("declared", "Declaration saved."),
            entry("partner-created", "Partner added."),
            entry("app-created", "App added."),
            entry("app-updated", "App saved."),
            entry("partner-updated", "Partner saved."),
            entry("migration", "Migration status saved."),
            entry("extension", "Platform request recorded."),
            entry("scan", "Scan evidence recorded."),
            entry("version-added", "Version added: its scan is queued, and this page shows how far it has got."),
            entry("rescan", "A new scan of this version is queued."),
            entry("outbox-retry", "The message is queued to be sent now."),
            entry("domain-checked", "Checked now: the result below is this check's."),
            entry(
                    "transfer-accepted",
                    "Transfer accepted: the current registrar and registrant are taken as the partner's."),
            entry("webhook-test", "A webhook.test event is queued to this endpoint; its delivery shows below."),
            entry(
                    "webhook-rotated",
                    "New secret made. Store it now; it is shown only once. The previous one signs alongside it"
                            + " until the time shown."),
            entry("webhook-enabled", "Endpoint enabled: it gets events again."),
            entry("bugcrowd-saved", "Bugcrowd connection saved. Test it, then link the programs below."),
            entry(
                    "bugcrowd-webhook",
                    "New webhook address made. Give it to Bugcrowd's outgoing webhook now; it is shown only once,"
                            + " and the address before it no longer works."),
            entry(
                    "bugcrowd-digest-on",
                    "Webhook secret saved. Every delivery must now carry Bugcrowd's digest; those without it are"
                            + " refused and counted on the status."),
            entry("bugcrowd-digest-off", "The digest is no longer checked: the address alone admits a delivery."),
            entry("bugcrowd-linked", "Program linked. Its submissions are read on the next pull."),
            entry("bugcrowd-unlinked", "Program unlinked. Its tickets stay; pulls no longer read it."),
            entry("jira-saved", "Jira connection saved. Test it, then register the webhook in Jira as shown below."),
            entry(
                    "jira-secret",
                    "New webhook secret made. Give it to Jira's webhook now; it is shown only once, and deliveries"
                            + " signed with the old one are refused from now on."),
            entry("webhook-disabled", "Endpoint disabled: messages queued for it die, and no new ones are queued."),
            entry("webhook-deleted", "Endpoint deleted."),
            entry("notification-settings", "Notification settings saved."),
            entry("transparency-settings", "Transparency settings saved."),
            entry("false-positive", "Marked a false positive: its ticket is closed as not applicable."),
            entry("change-reported", "Change reported to the operator."),
            entry("process-attested", "Incident response process attested."),
            entry("privacy-declared", "Privacy and Security declaration saved."),
            entry("scopes-reviewed", "Scope review recorded."),
            entry("badge-applied", "Applied for Cloud Fortified: an analyst reviews the application."),
            entry("badge-awarded", "Cloud Fortified awarded: the listing shows the badge."),
            entry("badge-rejected", "Application rejected; the partner sees the reason."),
            entry("badge-reviewed", "Yearly review recorded."),
            entry("badge-withdrawn", "Cloud Fortified withdrawn: the listing no longer shows the badge."),
            entry("change-recorded", "Change recorded; the partner is expected to report it."),
            entry(
                    "submitted",
                    "Submitted for the security review: the artifact is being scanned, and an analyst reviews it."),
            entry("resubmitted", "Resubmitted: the next round of the review has started."),
            entry("withdrawn", "Submission withdrawn."),
            entry("submission-assigned", "Assignment saved."),
            entry("submission-approve", "Approved: the app, listing or version is on the marketplace."),
            entry("submission-reject", "Rejected; the partner sees the reason."),
            entry("submission-request_changes", "Changes requested; the partner sees what to change and resubmits."),
            entry("submission-override", "Override recorded: another person may now approve it."),
            entry(
                    "termination",
                    "Termination proposed. It takes effect only when two approvers other than you approve it in the approval queue."));

    /** The message for a {@code done} a page was sent back with; null for none (or one it does not know). */
    static @Nullable String said(@Nullable String done) {
        return done == null ? null : DONE.get(done);
    }

    /** A text field's value, or null when left empty (or not sent). */
    static @Nullable String blankToNull(@Nullable String text) {
        return text == null || text.isBlank() ? null : text;
    }

    /** A partner filter's value: the partner it names, or none for an empty or malformed one. */
    static @Nullable PartnerId partnerOrNull(@Nullable String partner) {
        return partner == null || !PartnerId.isValid(partner) ? null : PartnerId.of(partner);
    }

    /**
     * The partner filter of a list page. A partner's pages offer none: what a partner's link asks is
     * ignored and the page shows its own list, which the facade limits to the actor's partner anyway.
     */
    static @Nullable PartnerId partnerFilter(@Nullable String partner, Actor actor) {
        return actor.isPartner() ? null : partnerOrNull(partner);
    }

    /** {@code path} if it is a plain path of this site, else the home page: never another host. */
    static String localPath(String path) {
        return path.matches("/([A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*)?") ? path : "/";
    }

    /** A date field's value ({@code YYYY-MM-DD}), null when left empty; anything else is refused for {@code field}. */
    static @Nullable LocalDate date(String field, String text) {
        if (text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("/" + field, "is a date: YYYY-MM-DD");
        }
    }

    /**
     * The instant a date picked on a form means: the end of that day in UTC (23:59:59), which is what a
     * person expects of a deadline ("due on the 20th" is still met on the 20th).
     */
    static java.time.Instant endOfDay(LocalDate date) {
        return date.atTime(23, 59, 59).toInstant(java.time.ZoneOffset.UTC);
    }

    /** A field error as a sentence: "Plan: is required ...". */
    static String say(FieldError error) {
        return error.sentence();
    }
}
