package dev.warden.server.enforcement;

import dev.warden.core.catalog.AppKey;
import dev.warden.core.catalog.PartnerId;
import dev.warden.core.compliance.RuleCategory;
import dev.warden.core.policy.EnforcementAction;
import dev.warden.core.validation.FieldError;
import dev.warden.core.validation.InvalidInputException;
import dev.warden.server.audit.AuditTrail;
import dev.warden.server.catalog.Apps;
import dev.warden.server.catalog.Partners;
import dev.warden.server.shared.Actor;
import io.swagger.v3.oas.annotations.media.Schema;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The public record of enforcement: which actions were taken against which app or partner, when, in
 * which area of the policy, and whether they still stand. Off until the operator turns it on; only the
 * kinds of action the operator chose, and only once they have been in effect for the chosen delay.
 * Nothing of the case behind an action is published beyond its area in plain words: no ticket, no
 * evidence, no rule id, no reason, no person.
 */
@Service
public class Transparency {
    /** The kinds published unless the operator chooses others: what customers of an app would notice. */
    public static final Set<EnforcementAction> DEFAULT_ACTIONS = EnumSet.of(
            EnforcementAction.REVOKE_BADGE,
            EnforcementAction.HIDE_LISTING,
            EnforcementAction.PAUSE_LISTING,
            EnforcementAction.SUSPEND_PARTNER,
            EnforcementAction.TERMINATE_PARTNER);
    /** Days an action is in effect before it is published, unless the operator chooses otherwise. */
    public static final int DEFAULT_DELAY_DAYS = 7;

    public static final int MAX_DELAY_DAYS = 365;
    /** The most actions the page lists (the newest); the feed lists fewer. */
    public static final int MAX_ENTRIES = 500;

    /** What is published and when; {@code updatedAt}/{@code updatedBy} are null before any change. */
    @Schema(name = "TransparencySettings")
    public record Settings(
            boolean enabled,
            List<String> actions,
            int delayDays,
            @Nullable Instant updatedAt,
            @Nullable String updatedBy) {
        public Settings {
            actions = List.copyOf(actions);
        }
    }

    /** What a change of the settings says; a field left out keeps its value. */
    @Schema(name = "TransparencyChange")
    public record Change(
            @Nullable Boolean enabled,
            @Nullable List<String> actions,
            @Nullable Integer delayDays) {}

    /**
     * One action as the public sees it.
     *
     * @param id stable, derived from what is shown (never the internal id, which would count the
     *     actions that are not published)
     * @param status {@code IN_EFFECT}, {@code LIFTED} (the partner fixed what it was taken for) or
     *     {@code REVERSED} (overturned on the partner's appeal)
     * @param endedAt when it was lifted or reversed
     */
    public record Entry(
            String id,
            Instant takenAt,
            String subject,
            String partner,
            String action,
            String category,
            String status,
            @Nullable Instant endedAt) {
        public boolean inEffect() {
            return status.equals("IN_EFFECT");
        }

        /** The day it took effect, in UTC. */
        public LocalDate takenOn() {
            return LocalDate.ofInstant(takenAt, ZoneOffset.UTC);
        }

        /** The day it was lifted or reversed, in UTC ({@code 2026-06-19}). */
        public @Nullable String endedOn() {
            return endedAt == null
                    ? null
                    : LocalDate.ofInstant(endedAt, ZoneOffset.UTC).toString();
        }
    }

    /** The entries as of {@code at}, newest first. */
    public record Published(Instant at, int delayDays, List<Entry> entries) {}

    private record Cached(Instant expires, @Nullable Published published) {}

    private final TransparencyRows rows;
    private final Apps apps;
    private final Partners partners;
    private final AuditTrail audit;
    private final Clock clock;
    private final Duration cacheFor;
    private volatile @Nullable Cached cached;

    Transparency(
            TransparencyRows rows,
            Apps apps,
            Partners partners,
            AuditTrail audit,
            Clock clock,
            @Value("${warden.transparency.cache:PT1M}") Duration cacheFor) {
        this.rows = rows;
        this.apps = apps;
        this.partners = partners;
        this.audit = audit;
        this.clock = clock;
        this.cacheFor = cacheFor;
    }

    @Transactional(readOnly = true)
    public Settings settings() {
        return rows.settings()
                .map(r -> new Settings(
                        r.enabled(),
                        r.actions().isEmpty() ? List.of() : List.of(r.actions().split(",")),
                        r.delayDays(),
                        r.updatedAt().toInstant(),
                        r.updatedBy()))
                .orElse(new Settings(
                        false, DEFAULT_ACTIONS.stream().map(Enum::name).toList(), DEFAULT_DELAY_DAYS, null, null));
    }

    /** Changes what is published; takes effect on this node at once, on others within the cache time. */
    @Transactional
    public Settings change(Change change, Actor actor) {
        Settings now = settings();
        boolean enabled = change.enabled() == null ? now.enabled() : change.enabled();
        List<String> asked = change.actions() == null ? now.actions() : change.actions();
        int delay = change.delayDays() == null ? now.delayDays() : change.delayDays();
        List<FieldError> errors = new ArrayList<>();
        Set<String> kinds = new TreeSet<>();
        for (int i = 0; i < asked.size(); i++) {
            String action = asked.get(i);
            if (action != null && kinds().contains(action)) {
                kinds.add(action);
            } else {
                errors.add(new FieldError(
                        "/actions/" + i, "unknown action '" + action + "'; one of " + String.join(", ", kinds())));
            }
        }
        if (delay < 0 || delay > MAX_DELAY_DAYS) {
            errors.add(new FieldError("/delayDays", "must be from 0 to " + MAX_DELAY_DAYS + " days"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException("invalid transparency settings", errors);
        }
        String joined = String.join(",", kinds);
        rows.save(enabled, joined, delay, actor.name(), clock.instant());
        audit.record(
                actor,
                "TRANSPARENCY_SETTINGS_CHANGED",
                "transparency-settings",
                "marketplace",
                null,
                Map.of("enabled", enabled, "actions", joined, "delayDays", delay));
        cached = null;
        return settings();
    }

    /**
     * What the public page shows now, or empty while publishing is off. Cached for a minute; outside a
     * transaction, so a reader served from the cache takes no database connection.
     */
    public Optional<Published> published() {
        Instant now = clock.instant();
        Cached c = cached;
        if (c == null || !now.isBefore(c.expires())) {
            c = new Cached(now.plus(cacheFor), read(now));
            cached = c;
        }
        return Optional.ofNullable(c.published());
    }

    private @Nullable Published read(Instant now) {
        Settings settings = settings();
        if (!settings.enabled()) {
            return null;
        }
        Instant before = now.minus(Duration.ofDays(settings.delayDays()));
        Map<String, String> names = new HashMap<>();
        List<Entry> entries = new ArrayList<>();
        for (TransparencyRows.TakenRow row : rows.taken(settings.actions(), before, MAX_ENTRIES)) {
            String partner = names.computeIfAbsent("partner:" + row.partnerId(), k -> partnerName(row.partnerId()));
            boolean partnerWide = row.action().equals(EnforcementAction.SUSPEND_PARTNER.name())
                    || row.action().equals(EnforcementAction.TERMINATE_PARTNER.name());
            String subject = partnerWide
                    ? partner
                    : names.computeIfAbsent(row.subjectType() + ":" + row.subjectId(), k -> subjectName(row, partner));
            String status = row.status().equals("APPLIED") ? "IN_EFFECT" : row.status();
            entries.add(new Entry(
                    id(row),
                    row.appliedAt().toInstant(),
                    subject,
                    partner,
                    EnforcementAction.valueOf(row.action()).words(),
                    RuleCategory.of(row.rule()).words(),
                    status,
                    row.undoneAt() == null || status.equals("IN_EFFECT")
                            ? null
                            : row.undoneAt().toInstant()));
        }
        return new Published(now, settings.delayDays(), List.copyOf(entries));
    }

    private String partnerName(String id) {
        return PartnerId.isValid(id)
                ? partners.find(PartnerId.of(id)).map(p -> p.value().name()).orElse(id)
                : id;
    }

    /** An app's or listing's app name (with the hosting for a listing); a partner's or program's partner. */
    private String subjectName(TransparencyRows.TakenRow row, String partner) {
        if (!row.subjectType().equals("app") && !row.subjectType().equals("listing")) {
            return partner;
        }
        String[] parts = row.subjectId().split("/", 2);
        String name = AppKey.isValid(parts[0])
                ? apps.find(AppKey.of(parts[0])).map(a -> a.value().name()).orElse(parts[0])
                : parts[0];
        if (parts.length == 1) {
            return name;
        }
        return name + (parts[1].equals("CLOUD") ? " (Cloud)" : " (Data Center)");
    }

    private static String id(TransparencyRows.TakenRow row) {
        String shown = row.subjectType() + "/" + row.subjectId() + "/" + row.action() + "/"
                + row.appliedAt().toInstant();
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(shown.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** For forms: every kind of action, in ladder order. */
    public static List<String> kinds() {
        return Arrays.stream(EnforcementAction.values()).map(Enum::name).collect(Collectors.toList());
    }
}
