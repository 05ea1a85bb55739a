package dev.warden.core.obligations;

import dev.warden.core.catalog.AppKey;
import dev.warden.core.catalog.PartnerId;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/**
 * A partner's bug bounty program (docs/policy section 5) and the apps it covers.
 *
 * @param platform where it runs, for example "Bugcrowd"
 * @param publicOn when it went or goes public; required when {@code SCHEDULED}
 * @param launchedOn when it started; decides its deadline to be public
 * @param funded whether rewards are funded
 * @param medianTriageDays the median days to triage researcher submissions, as the platform reports
 * @param lastActivityOn the last submission, triage or reward; a program quiet for too long is dormant
 * @param scheduledOn when the go-public was scheduled with the platform (SCHEDULED, or PUBLIC after it);
 *     before that day the program was private. Absent in older documents: taken as scheduled in time.
 * @param figuresFrom where {@code medianTriageDays} and {@code lastActivityOn} come from when Warden
 *     computed them itself (for example from the program's Bugcrowd submissions); null when the partner
 *     reported them. Never stored or exported: set only on the facts handed to the rules.
 */
public record BountyProgram(
        String id,
        PartnerId partner,
        String platform,
        java.util.List<AppKey> apps,
        Visibility visibility,
        @Nullable LocalDate publicOn,
        LocalDate launchedOn,
        boolean funded,
        Status status,
        @Nullable Double medianTriageDays,
        @Nullable LocalDate lastActivityOn,
        @Nullable LocalDate scheduledOn,
        @Nullable String figuresFrom) {

    /** Who can see the program and submit to it. */
    public enum Visibility {
        PRIVATE,
        /** Private now, scheduled with the platform to go public on {@code publicOn}. */
        SCHEDULED,
        PUBLIC
    }

    /** Whether the program takes submissions; the operator may pause or deactivate it (section 8). */
    public enum Status {
        ACTIVE,
        PAUSED,
        DEACTIVATED
    }

    public BountyProgram {
        Checks.id(id, "program id");
        Checks.line(platform, "platform");
        apps = Checks.distinct(apps, "apps");
        if (visibility == Visibility.SCHEDULED && publicOn == null) {
            throw new IllegalArgumentException("a program scheduled to go public needs its publicOn date");
        }
        if (medianTriageDays != null && (medianTriageDays < 0 || medianTriageDays.isNaN())) {
            throw new IllegalArgumentException("medianTriageDays must not be negative");
        }
        if (lastActivityOn != null && lastActivityOn.isBefore(launchedOn)) {
            throw new IllegalArgumentException("lastActivityOn must not be before launchedOn");
        }
        if (scheduledOn != null) {
            if (visibility == Visibility.PRIVATE) {
                throw new IllegalArgumentException("scheduledOn: a private program is not scheduled to go public");
            }
            if (scheduledOn.isBefore(launchedOn)) {
                throw new IllegalArgumentException("scheduledOn must not be before launchedOn");
            }
            if (publicOn != null && scheduledOn.isAfter(publicOn)) {
                throw new IllegalArgumentException("scheduledOn must not be after publicOn");
            }
        }
    }

    /** The figures as the partner reported them. */
    public BountyProgram(
            String id,
            PartnerId partner,
            String platform,
            java.util.List<AppKey> apps,
            Visibility visibility,
            @Nullable LocalDate publicOn,
            LocalDate launchedOn,
            boolean funded,
            Status status,
            @Nullable Double medianTriageDays,
            @Nullable LocalDate lastActivityOn,
            @Nullable LocalDate scheduledOn) {
        this(
                id,
                partner,
                platform,
                apps,
                visibility,
                publicOn,
                launchedOn,
                funded,
                status,
                medianTriageDays,
                lastActivityOn,
                scheduledOn,
                null);
    }

    /** Without the day the go-public was scheduled (a document written before it was recorded). */
    public BountyProgram(
            String id,
            PartnerId partner,
            String platform,
            java.util.List<AppKey> apps,
            Visibility visibility,
            @Nullable LocalDate publicOn,
            LocalDate launchedOn,
            boolean funded,
            Status status,
            @Nullable Double medianTriageDays,
            @Nullable LocalDate lastActivityOn) {
        this(
                id,
                partner,
                platform,
                apps,
                visibility,
                publicOn,
                launchedOn,
                funded,
                status,
                medianTriageDays,
                lastActivityOn,
                null);
    }

    /** This program with another status (what pausing or deactivating it changes). */
    public BountyProgram withStatus(Status newStatus) {
        return new BountyProgram(
                id,
                partner,
                platform,
                apps,
                visibility,
                publicOn,
                launchedOn,
                funded,
                newStatus,
                medianTriageDays,
                lastActivityOn,
                scheduledOn,
                figuresFrom);
    }

    /**
     * This program with health figures Warden computed, replacing what the partner reported; a figure
     * given as null keeps the partner's.
     */
    public BountyProgram withFigures(
            @Nullable Double computedMedianTriageDays, @Nullable LocalDate computedLastActivityOn, String from) {
        LocalDate activity = computedLastActivityOn;
        if (activity != null && activity.isBefore(launchedOn)) {
            activity = launchedOn; // a submission before the program's recorded launch counts from the launch
        }
        return new BountyProgram(
                id,
                partner,
                platform,
                apps,
                visibility,
                publicOn,
                launchedOn,
                funded,
                status,
                computedMedianTriageDays != null ? computedMedianTriageDays : medianTriageDays,
                activity != null ? activity : lastActivityOn,
                scheduledOn,
                from);
    }
}
